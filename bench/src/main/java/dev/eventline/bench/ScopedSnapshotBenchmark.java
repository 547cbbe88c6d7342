package dev.eventline.bench;

import dev.eventline.infra.kafka.FreePorts;
import dev.eventline.infra.stack.ServiceProcess;
import dev.eventline.infra.token.DevTokens;
import dev.eventline.testkit.kafka.BulkEvents;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A scoped snapshot against the whole tenant's: {@value #RECORDS} records of one tenant spread over
 * {@value #GROUPS} groups (each record addressed to one group), read by a member of one group, once
 * as {@code GET /v1/snapshot} (the store scans the tenant's records and the filter keeps the group's)
 * and once with {@code scope=group:<name>} (the store reads that group's records through its index).
 * Both answer the same {@value #RECORDS}/{@value #GROUPS} records.
 *
 * <p>Run with {@code bench/bin/bench snapshot-scope}. Prints a Markdown table for docs/performance.md.
 */
public final class ScopedSnapshotBenchmark {

    private static final int RECORDS = 100_000;
    private static final int GROUPS = 1_000;
    private static final int SAMPLES = 25;
    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ScopedSnapshotBenchmark() {}

    /** Entry point; {@code eventline.repo} names the repository (for the service jar). */
    public static void main(String[] args) throws Exception {
        try (BenchBroker broker = BenchBroker.start("snapshot-scope")) {
            String secret = DevTokens.randomSecret();
            ServiceProcess stream = new ServiceProcess(
                    "stream-service",
                    ServiceProcess.builtJar(broker.repo(), "stream-service"),
                    FreePorts.next(),
                    broker.work());
            stream.start(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS",
                    broker.bootstrapServers(),
                    "EVENTLINE_JWT_SECRET",
                    secret,
                    "EVENTLINE_SNAPSHOT_INSTANCE_ID",
                    "bench",
                    "EVENTLINE_SNAPSHOT_STATE_DIR",
                    broker.work().resolve("snapshot").toString()));
            List<String> rows = new ArrayList<>();
            try (BulkEvents events = new BulkEvents(broker.bootstrapServers())) {
                String problem = stream.awaitHealthy(WAIT);
                if (problem != null) {
                    throw new IllegalStateException(problem);
                }
                String tenant = "scoped";
                for (int i = 0; i < RECORDS; i++) {
                    events.send(tenant, "a-" + i, "Assignment " + i, List.of("group:g-" + (i % GROUPS)));
                }
                events.flush();
                String group = "g-17";
                String token = new DevTokens(secret)
                        .mint("t-1", tenant, List.of("teacher"), List.of(group), Duration.ofHours(1));
                String all = "/v1/snapshot?topics=assignments";
                String scoped = all + "&scope=" + URLEncoder.encode("group:" + group, StandardCharsets.UTF_8);
                awaitRecords(stream, token, scoped, RECORDS / GROUPS);
                awaitRecords(stream, token, all, RECORDS / GROUPS);
                // Alternating, so that both see the same machine.
                List<Long> whole = new ArrayList<>();
                List<Long> indexed = new ArrayList<>();
                for (int i = 0; i < SAMPLES; i++) {
                    whole.add(millis(stream, token, all));
                    indexed.add(millis(stream, token, scoped));
                }
                rows.add(row("without scope (the tenant's records scanned, the group's kept)", whole));
                rows.add(row("scope=group:" + group + " (the group's records read by index)", indexed));
            } finally {
                stream.stop();
            }
            System.out.println();
            System.out.printf(
                    "%,d records of one tenant over %,d groups; a member of one group asks (%d requests each)%n%n",
                    RECORDS, GROUPS, SAMPLES);
            System.out.println("| snapshot | p50 | max |");
            System.out.println("|---|---|---|");
            rows.forEach(System.out::println);
        }
    }

    private static String row(String what, List<Long> millis) {
        Collections.sort(millis);
        return String.format(
                "| %s | %d ms | %d ms |", what, millis.get(millis.size() / 2), millis.get(millis.size() - 1));
    }

    private static long millis(ServiceProcess stream, String token, String path) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> answer = get(stream, token, path);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** Until the snapshot holds the group's records: the store has taken everything in. */
    private static void awaitRecords(ServiceProcess stream, String token, String path, int records) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            HttpResponse<String> answer = get(stream, token, path);
            if (answer.statusCode() == 200 && count(answer.body()) == records) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(path + " never held " + records + " records: " + answer.statusCode());
            }
            Thread.sleep(500);
        }
    }

    private static int count(String body) {
        int count = 0;
        for (int at = body.indexOf("\"event\":"); at >= 0; at = body.indexOf("\"event\":", at + 1)) {
            count++;
        }
        return count;
    }

    private static HttpResponse<String> get(ServiceProcess stream, String token, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(stream.url() + path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
