package dev.eventline.infra.kafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Kafka's own {@code kafka-producer-perf-test} (ProducerPerformance from kafka-tools) run in a child
 * JVM against a broker, with the producer settings the emitter uses: the ceiling the emit benchmark
 * compares against.
 *
 * <p>Blocking; one run at a time per instance.
 */
public final class ProducerPerfTest {

    private static final Pattern SUMMARY =
            Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec .*?([\\d.]+) ms avg latency, ([\\d.]+) ms max");

    private ProducerPerfTest() {}

    /**
     * The figures of one run.
     *
     * @param recordsPerSecond throughput over the whole run
     * @param averageLatencyMillis the tool's average send latency
     * @param summary the tool's summary line
     */
    public record Result(double recordsPerSecond, double averageLatencyMillis, String summary) {}

    /**
     * Sends {@code records} records of {@code size} random letters to a new 6-partition topic with the
     * emitter's producer settings (acks=all, idempotent, linger 5 ms, lz4).
     */
    public static Result run(String bootstrapServers, int records, int size) throws IOException, InterruptedException {
        String topic = "perf-ceiling-" + System.nanoTime();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
        } catch (ExecutionException e) {
            throw new IOException("cannot create " + topic, e.getCause());
        }
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-cp",
                        BrokerClasspath.load(),
                        "org.apache.kafka.tools.ProducerPerformance",
                        "--topic",
                        topic,
                        "--num-records",
                        String.valueOf(records),
                        "--record-size",
                        String.valueOf(size),
                        "--throughput",
                        "-1",
                        "--producer-props",
                        "bootstrap.servers=" + bootstrapServers,
                        // The emitter's producer settings: durable, idempotent, a short linger, lz4.
                        "acks=all",
                        "enable.idempotence=true",
                        "linger.ms=5",
                        "compression.type=lz4")
                .redirectErrorStream(true)
                .start();
        String last = null;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.contains("records/sec")) {
                    last = line;
                }
            }
        }
        process.waitFor();
        Matcher m = last == null ? null : SUMMARY.matcher(last);
        if (m == null || !m.find()) {
            throw new IOException("kafka-producer-perf-test printed no summary (last line: " + last + ")");
        }
        return new Result(Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)), last.trim());
    }
}
