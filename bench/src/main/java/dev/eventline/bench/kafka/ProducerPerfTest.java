package dev.eventline.bench.kafka;

import dev.eventline.infra.jvm.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
 * compares against ({@link #run}), and Kafka's own send latency at a fixed rate ({@link #paced}), the
 * floor under the emitter's.
 *
 * <p>Blocking; one run at a time per instance.
 */
public final class ProducerPerfTest {

    private static final int HEAP_MEGABYTES = 512;

    private static final Pattern SUMMARY =
            Pattern.compile("(\\d+) (?:steady state )?records sent, ([\\d.]+) records/sec .*?([\\d.]+) ms avg latency,"
                    + " ([\\d.]+) ms max latency, (\\d+) ms 50th, \\d+ ms 95th, (\\d+) ms 99th");

    private ProducerPerfTest() {}

    /**
     * The figures of one run (latencies from each record's send to its acknowledgement).
     *
     * @param recordsPerSecond throughput over the measured records
     * @param averageLatencyMillis the tool's average send latency
     * @param p50Millis the median
     * @param p99Millis the 99th percentile
     * @param maxLatencyMillis the longest
     * @param summary the tool's summary line
     */
    public record Result(
            double recordsPerSecond,
            double averageLatencyMillis,
            double p50Millis,
            double p99Millis,
            double maxLatencyMillis,
            String summary) {}

    /**
     * Sends {@code records} records of {@code size} random letters as fast as the producer can to a new
     * 6-partition topic with the emitter's producer settings (acks=all, idempotent, linger 5 ms, lz4).
     */
    public static Result run(String bootstrapServers, int records, int size) throws IOException, InterruptedException {
        return perfTest(
                bootstrapServers, size, List.of("--num-records", String.valueOf(records), "--throughput", "-1"));
    }

    /**
     * Sends {@code perSecond} records a second, like {@link #run}, for {@code warmUp} records the
     * figures leave out (the tool's JVM starts cold) and then {@code measured} records.
     */
    public static Result paced(String bootstrapServers, int perSecond, int warmUp, int measured, int size)
            throws IOException, InterruptedException {
        return perfTest(
                bootstrapServers,
                size,
                List.of(
                        "--num-records",
                        String.valueOf(warmUp + measured),
                        "--throughput",
                        String.valueOf(perSecond),
                        "--warmup-records",
                        String.valueOf(warmUp)));
    }

    private static Result perfTest(String bootstrapServers, int size, List<String> load)
            throws IOException, InterruptedException {
        String topic = "perf-" + System.nanoTime();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
        } catch (ExecutionException e) {
            throw new IOException("cannot create " + topic, e.getCause());
        }
        List<String> command = ChildJvm.command(HEAP_MEGABYTES);
        command.addAll(List.of(
                "-cp",
                // This module's own classpath: kafka-tools and its dependencies.
                System.getProperty("java.class.path"),
                "org.apache.kafka.tools.ProducerPerformance",
                "--topic",
                topic,
                "--record-size",
                String.valueOf(size)));
        command.addAll(load);
        command.addAll(List.of(
                "--producer-props",
                "bootstrap.servers=" + bootstrapServers,
                // The emitter's producer settings: durable, idempotent, a short linger, lz4.
                "acks=all",
                "enable.idempotence=true",
                "linger.ms=5",
                "compression.type=lz4"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String summary = null;
        String last = null;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                last = line;
                // Progress lines carry no percentiles; with a warm-up the tool prints a summary of all
                // records, then the steady state's last.
                if (SUMMARY.matcher(line).find()) {
                    summary = line;
                }
            }
        }
        process.waitFor();
        // Without a summary, the last line is what the error shows.
        return parse(summary != null ? summary : last);
    }

    /** Reads the tool's summary line (of all records, or of the steady state). */
    static Result parse(String summary) throws IOException {
        Matcher m = summary == null ? null : SUMMARY.matcher(summary);
        if (m == null || !m.find()) {
            throw new IOException("kafka-producer-perf-test printed no summary (last one: " + summary + ")");
        }
        return new Result(
                Double.parseDouble(m.group(2)),
                Double.parseDouble(m.group(3)),
                Double.parseDouble(m.group(5)),
                Double.parseDouble(m.group(6)),
                Double.parseDouble(m.group(4)),
                summary.trim());
    }
}
