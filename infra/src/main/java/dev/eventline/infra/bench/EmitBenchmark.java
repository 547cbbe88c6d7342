package dev.eventline.infra.bench;

import dev.eventline.infra.kafka.FreePorts;
import dev.eventline.infra.kafka.ProducerPerfTest;
import dev.eventline.infra.stack.ServiceProcess;
import dev.eventline.infra.token.DevTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The emit API under load, beside Kafka's own ceiling on the same broker: single-event requests at
 * fixed rates (latency measured from each request's scheduled time, so a stall counts for every
 * request it delays), batched events per second, and {@code kafka-producer-perf-test} with the same
 * producer settings and a record size close to the emitter's Avro records.
 *
 * <p>Run with {@code infra/bin/bench emit}; prints a Markdown table for {@code docs/benchmarks.md}. With
 * {@code EVENTLINE_BENCH_JFR=<file>} the emitter records a JFR profile of the run into that file.
 */
public final class EmitBenchmark {

    private static final int[] RATES = {500, 1000};
    private static final Duration RATE_RUN = Duration.ofSeconds(15);
    private static final Duration BATCH_RUN = Duration.ofSeconds(20);
    private static final int BATCH = 500;
    private static final int BATCH_CLIENTS = 4;
    private static final int RECORD_SIZE = 200;
    private static final String TITLE = "t".repeat(90);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();

    private EmitBenchmark() {}

    /** Entry point; {@code eventline.repo} names the repository (for the service jar). */
    public static void main(String[] args) throws Exception {
        List<String> rows = new ArrayList<>();
        try (BenchBroker broker = BenchBroker.start("emit")) {
            ProducerPerfTest.Result ceiling = ProducerPerfTest.run(broker.bootstrapServers(), 500_000, RECORD_SIZE);
            String secret = DevTokens.randomSecret();
            ServiceProcess emitter = new ServiceProcess(
                    "emitter-service",
                    ServiceProcess.builtJar(broker.repo(), "emitter-service"),
                    FreePorts.next(),
                    broker.work());
            Map<String, String> env = new HashMap<>(
                    Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(), "EVENTLINE_JWT_SECRET", secret));
            String recording = System.getenv("EVENTLINE_BENCH_JFR");
            if (recording != null) {
                // Profile the emitter: a JFR recording of the whole run, written when it stops.
                env.put("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=settings=profile,filename=" + recording);
            }
            emitter.start(env);
            try {
                String problem = emitter.awaitHealthy(Duration.ofMinutes(2));
                if (problem != null) {
                    throw new IllegalStateException(problem);
                }
                String token =
                        new DevTokens(secret).mint("bench", "bench-tenant", List.of("producer"), Duration.ofHours(1));
                URI events = URI.create(emitter.url() + "/v1/events");
                fixedRate(events, token, 300, Duration.ofSeconds(5)); // warm-up: JIT, connections
                double batched = batched(events, token);
                rows.add(String.format(
                        "| kafka-producer-perf-test, %d-byte records, acks=all, idempotent, linger 5 ms | %,.0f records/s |",
                        RECORD_SIZE, ceiling.recordsPerSecond()));
                rows.add(String.format(
                        "| emitter, batches of %d, %d clients | %,.0f events/s (%.2fx the ceiling) |",
                        BATCH, BATCH_CLIENTS, batched, batched / ceiling.recordsPerSecond()));
                for (int rate : RATES) {
                    rows.add(fixedRate(events, token, rate, RATE_RUN));
                }
            } finally {
                emitter.stop();
            }
        }
        System.out.println();
        System.out.println("| measurement | result |");
        System.out.println("|---|---|");
        rows.forEach(System.out::println);
    }

    private static double batched(URI events, String token) throws Exception {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < BATCH; i++) {
            body.append(i == 0 ? "" : ",").append(event("b-" + i));
        }
        String batch = body.append(']').toString();
        AtomicLong written = new AtomicLong();
        long deadline = System.nanoTime() + BATCH_RUN.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(BATCH_CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < BATCH_CLIENTS; c++) {
            running.add(clients.submit(() -> {
                while (System.nanoTime() < deadline) {
                    HttpResponse<String> response =
                            HTTP.send(post(events, token, batch), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 201) {
                        written.addAndGet(BATCH);
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();
        return written.get() / ((System.nanoTime() - started) / 1e9);
    }

    private static String fixedRate(URI events, String token, int rate, Duration run) throws Exception {
        long period = 1_000_000_000L / rate;
        int total = (int) (run.toSeconds() * rate);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong failed = new AtomicLong();
        List<CompletableFuture<?>> pending = new ArrayList<>(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * period;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            pending.add(HTTP.sendAsync(post(events, token, event("r-" + i)), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        if (error != null || response.statusCode() != 201) {
                            failed.incrementAndGet();
                        } else {
                            latencies.add(System.nanoTime() - scheduled);
                        }
                    }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return String.format(
                "| emitter, single events at %,d requests/s for %d s | p50 %.1f ms, p99 %.1f ms, max %.1f ms; %,.0f answered/s, %d failed |",
                rate,
                run.toSeconds(),
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                percentile(sorted, 1.0),
                sorted.size() / seconds,
                failed.get());
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    private static HttpRequest post(URI events, String token, String body) {
        return HttpRequest.newBuilder(events)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static String event(String recordId) {
        return "{\"type\":\"assignment.created\",\"recordId\":\"" + recordId + "\",\"payload\":{\"title\":\"" + TITLE
                + "\",\"classId\":\"7b\",\"dueAt\":null,\"status\":\"PUBLISHED\"}}";
    }
}
