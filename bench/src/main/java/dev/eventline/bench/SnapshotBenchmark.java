package dev.eventline.bench;

import dev.eventline.bench.kafka.GroupLag;
import dev.eventline.infra.files.FileTrees;
import dev.eventline.infra.kafka.FreePorts;
import dev.eventline.infra.stack.ServiceProcess;
import dev.eventline.infra.token.DevTokens;
import dev.eventline.testkit.kafka.BulkEvents;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Snapshot latency for a tenant with 10k and 100k records; then, with {@value #RESTART_RECORDS} current
 * records in the store (spread over 1,000 tenants), the time a restarted stream-service needs to serve
 * snapshots again: with its local state (a restart or a redeploy on the same volume) and without it (a
 * fresh node, restoring from the changelog), with the restore rate. Runs a fresh broker and the
 * stream-service jar as users do; prints a Markdown table for {@code docs/performance.md}.
 *
 * <p>Run with {@code bench/bin/bench snapshot}. Single-threaded; takes several minutes.
 */
public final class SnapshotBenchmark {

    private static final int[] SIZES = {10_000, 100_000};
    /** The restart target: snapshots within 10 s at a million current records (issue 33). */
    private static final int RESTART_RECORDS = 1_000_000;

    private static final int RESTART_TENANTS = 1_000;
    private static final int SAMPLES = 15;
    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final Pattern CATCH_UP = Pattern.compile("(?m)^eventline_snapshot_catch_up_events_total (\\S+)$");
    private static final Pattern RESTORED = Pattern.compile("\"restoredRecords\":(\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SnapshotBenchmark() {}

    /** Entry point; {@code eventline.repo} names the repository (for the service jar). */
    public static void main(String[] args) throws Exception {
        try (BenchBroker broker = BenchBroker.start("snapshot")) {
            String secret = DevTokens.randomSecret();
            Map<String, String> env = Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS",
                    broker.bootstrapServers(),
                    "EVENTLINE_JWT_SECRET",
                    secret,
                    "EVENTLINE_SNAPSHOT_INSTANCE_ID",
                    "bench",
                    "EVENTLINE_SNAPSHOT_STATE_DIR",
                    broker.work().resolve("snapshot").toString());
            ServiceProcess stream = new ServiceProcess(
                    "stream-service",
                    ServiceProcess.builtJar(broker.repo(), "stream-service"),
                    FreePorts.next(),
                    broker.work());
            List<String> rows = new ArrayList<>();
            try (BulkEvents events = new BulkEvents(broker.bootstrapServers())) {
                start(stream, env);
                for (int size : SIZES) {
                    String tenant = "bench-" + size;
                    String token = new DevTokens(secret).mint("t", tenant, List.of("teacher"), Duration.ofHours(1));
                    events.assignments(tenant, "a", size);
                    awaitStoreHolds(stream, token, size);
                    List<Long> millis = new ArrayList<>();
                    long bytes = 0;
                    for (int i = 0; i < SAMPLES; i++) {
                        long started = System.nanoTime();
                        HttpResponse<String> answer = snapshot(stream, token);
                        millis.add((System.nanoTime() - started) / 1_000_000);
                        bytes = answer.body().length();
                    }
                    Collections.sort(millis);
                    rows.add(String.format(
                            "| snapshot, %,d records | p50 %d ms, max %d ms (%d requests, %.1f MB JSON) |",
                            size, millis.get(millis.size() / 2), millis.get(millis.size() - 1), SAMPLES, bytes / 1e6));
                }
                int filled = total();
                for (int t = 0; filled < RESTART_RECORDS; t++) {
                    int count = Math.min(RESTART_RECORDS / RESTART_TENANTS, RESTART_RECORDS - filled);
                    events.assignments("fill-" + (t % RESTART_TENANTS), "f" + t, count);
                    filled += count;
                }
                GroupLag.awaitCaughtUp(
                        broker.bootstrapServers(), "eventline-snapshot-bench", List.of("assignments"), WAIT);
                String token =
                        new DevTokens(secret).mint("t", "bench-" + SIZES[0], List.of("teacher"), Duration.ofHours(1));
                rows.add(restart(stream, env, token, filled, false));
                rows.add(restart(stream, env, token, filled, true));
            } finally {
                stream.stop();
            }
            System.out.println();
            System.out.println("| measurement | result |");
            System.out.println("|---|---|");
            rows.forEach(System.out::println);
        }
    }

    /**
     * Stops the service (SIGTERM) and starts it again, without its state directory when {@code fresh};
     * measures the time to the first snapshot (200) and to readiness, and the restore rate.
     */
    private static String restart(
            ServiceProcess stream, Map<String, String> env, String token, int records, boolean fresh) throws Exception {
        stream.stop();
        if (fresh) {
            FileTrees.delete(Path.of(env.get("EVENTLINE_SNAPSHOT_STATE_DIR")));
        }
        long started = System.nanoTime();
        stream.start(env);
        String problem = stream.awaitLive(WAIT);
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        long live = System.nanoTime();
        awaitReady(stream, token);
        long firstSnapshot = System.nanoTime();
        String status;
        do {
            status = HTTP.send(
                            HttpRequest.newBuilder(URI.create(stream.url() + "/v1/snapshot/status"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } while (!status.contains("\"ready\":true") && sleep());
        long ready = System.nanoTime();
        Matcher restored = RESTORED.matcher(status);
        long restoredRecords = restored.find() ? Long.parseLong(restored.group(1)) : -1;
        double restoreSeconds = (ready - live) / 1e9;
        return String.format(
                "| restart %s, %,d records in the store | first snapshot %,d ms after the JVM started (%,d ms after it"
                        + " was live), ready %,d ms after it started; %,d records restored from the changelog (%,.0f"
                        + " records/s while live) |",
                fresh ? "on a fresh node (no local state)" : "with its local state",
                records,
                (firstSnapshot - started) / 1_000_000,
                (firstSnapshot - live) / 1_000_000,
                (ready - started) / 1_000_000,
                restoredRecords,
                restoredRecords / Math.max(restoreSeconds, 1e-3));
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(100);
        return true;
    }

    private static int total() {
        int sum = 0;
        for (int size : SIZES) {
            sum += size;
        }
        return sum;
    }

    private static void start(ServiceProcess stream, Map<String, String> env) throws IOException {
        stream.start(env);
        String problem = stream.awaitHealthy(WAIT);
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    /** Until a snapshot needs no log catch-up: the measured figures are the store's own. */
    private static void awaitStoreHolds(ServiceProcess stream, String token, int size) throws Exception {
        awaitReady(stream, token);
        long deadline = System.nanoTime() + WAIT.toNanos();
        double before;
        do {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the snapshot store never caught up with " + size + " records");
            }
            before = catchUp(stream);
            snapshot(stream, token);
        } while (catchUp(stream) > before);
    }

    private static void awaitReady(ServiceProcess stream, String token) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (snapshot(stream, token).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no snapshot within " + WAIT);
            }
            Thread.sleep(100);
        }
    }

    private static HttpResponse<String> snapshot(ServiceProcess stream, String token) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(stream.url() + "/v1/snapshot?topics=assignments"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double catchUp(ServiceProcess stream) throws Exception {
        String metrics = HTTP.send(
                        HttpRequest.newBuilder(URI.create(stream.url() + "/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher m = CATCH_UP.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
