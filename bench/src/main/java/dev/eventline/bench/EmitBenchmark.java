package dev.eventline.bench;

import dev.eventline.bench.kafka.ProducerPerfTest;
import dev.eventline.bench.load.LatencyBursts;
import dev.eventline.bench.load.PostLoad;
import dev.eventline.bench.load.ProcessUsage;
import dev.eventline.infra.kafka.FreePorts;
import dev.eventline.infra.stack.ServiceProcess;
import dev.eventline.infra.token.DevTokens;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The emit API under load, beside Kafka's own ceiling on the same broker: single-event requests at
 * fixed rates (latency measured from each request's scheduled time, so a stall counts for every
 * request it delays), batched events per second, and {@code kafka-producer-perf-test} with the same
 * producer settings and a record size close to the emitter's Avro records, flat out (the ceiling) and
 * at the single-event rates (Kafka's own latency there, the floor under the emitter's).
 *
 * <p>Measured after a warm-up that lasts until the emitter's JIT compiler is quiet. Each phase also
 * reports the emitter's CPU per event or request (from {@code /proc}) and, for single events, the
 * emitter's own latency histogram (its {@code /prometheus}), which excludes the load generator and
 * the kernel's queues, and how the slowest 1% of its requests were spread: scattered, or in bursts
 * that a stall of the whole path makes ({@link dev.eventline.bench.load.LatencyBursts}).
 *
 * <p>Run with {@code bench/bin/bench emit}; prints a Markdown table for {@code docs/performance.md}. With
 * {@code EVENTLINE_BENCH_JFR=<file>} the emitter records a JFR profile of the measured phases (after
 * the warm-up) into that file. With {@code EVENTLINE_BENCH_TRACE=<folder>} each fixed-rate phase also
 * writes every request's latency in the order it was scheduled ({@code single-<rate>-<n>.tsv}: scheduled
 * ms after the phase's start, latency ms; -1 for no answer), to see when the slow requests came.
 */
public final class EmitBenchmark {

    private static final int[] RATES = {500, 1000};
    private static final Duration RATE_RUN = Duration.ofSeconds(15);
    private static final Duration BATCH_RUN = Duration.ofSeconds(20);
    private static final int BATCH = 500;
    private static final int BATCH_CLIENTS = 4;
    /** Enough for 1,000 requests/s at 60 ms each; more are never opened (a stall then queues). */
    private static final int MAX_CONNECTIONS = 64;

    private static final Duration WARM_UP_ROUND = Duration.ofSeconds(5);
    private static final Duration WARM_UP_MAX = Duration.ofMinutes(3);

    private static final String EMIT_LATENCY = "eventline_emit_latency_seconds";
    private static final int RECORD_SIZE = 200;
    /** About 20 s at the measured rates: the tool's own JVM start and warm-up weigh little. */
    private static final int CEILING_RECORDS = 2_000_000;

    private static final int TITLE_LENGTH = 90;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .executor(Executors.newFixedThreadPool(4, EmitBenchmark::daemon))
            .build();

    private EmitBenchmark() {}

    /**
     * Entry point; {@code eventline.repo} names the repository (for the service jar). With the argument
     * {@code replication} it measures everything twice in one run: on one broker (replication factor 1)
     * and on three (replication factor 3, {@code min.insync.replicas} 2), one table each.
     */
    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("replication")) {
            List<String> one;
            try (BenchBroker broker = BenchBroker.start("emit")) {
                one = measure(broker);
            }
            List<String> three;
            try (BenchBroker cluster = BenchBroker.startCluster("emit-rf3")) {
                three = measure(cluster);
            }
            print("One broker, replication factor 1", one);
            print("Three brokers, replication factor 3, min.insync.replicas 2", three);
            return;
        }
        try (BenchBroker broker = BenchBroker.start("emit")) {
            print("One broker", measure(broker));
        }
    }

    private static void print(String title, List<String> rows) {
        System.out.println();
        System.out.println(title + ":");
        System.out.println();
        System.out.println("| measurement | result |");
        System.out.println("|---|---|");
        rows.forEach(System.out::println);
    }

    /** Every phase against {@code broker}: the rows of the table. */
    private static List<String> measure(BenchBroker broker) throws Exception {
        List<String> rows = new ArrayList<>();
        ProducerPerfTest.Result ceiling = ProducerPerfTest.run(broker.bootstrapServers(), CEILING_RECORDS, RECORD_SIZE);
        rows.add(String.format(
                "| kafka-producer-perf-test, %,d records of %d random letters, acks=all, idempotent, linger 5 ms, lz4 | %,.0f records/s |",
                CEILING_RECORDS, RECORD_SIZE, ceiling.recordsPerSecond()));
        for (int rate : RATES) {
            // Kafka's own latency at the rates the emitter is measured at: the floor under its p99.
            int records = (int) (rate * RATE_RUN.toSeconds());
            ProducerPerfTest.Result paced =
                    ProducerPerfTest.paced(broker.bootstrapServers(), rate, records, records, RECORD_SIZE);
            rows.add(String.format(
                    "| kafka-producer-perf-test at %,d records/s for %d s after %d s unmeasured, same settings"
                            + " | p50 %.0f ms, p99 %.0f ms, max %.0f ms |",
                    rate,
                    RATE_RUN.toSeconds(),
                    RATE_RUN.toSeconds(),
                    paced.p50Millis(),
                    paced.p99Millis(),
                    paced.maxLatencyMillis()));
        }
        String secret = DevTokens.randomSecret();
        ServiceProcess emitter = new ServiceProcess(
                "emitter-service",
                ServiceProcess.builtJar(broker.repo(), "emitter-service"),
                FreePorts.next(),
                broker.work());
        Map<String, String> env = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                broker.bootstrapServers(),
                "EVENTLINE_JWT_SECRET",
                secret,
                // The benchmark measures the instance, far past one producer's default rate limit.
                "EVENTLINE_EMITTER_RATE_LIMITS_ENABLED",
                "false"));
        String recording = System.getenv("EVENTLINE_BENCH_JFR");
        if (recording != null) {
            // Recording from the start: started later, JFR re-instruments I/O classes and the
            // deoptimized code sends the JIT compiler back to work during the measured phases.
            env.put("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=name=bench,settings=profile");
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
            Duration warmUp = warmUp(emitter, events, token);
            long measured = System.nanoTime();
            ProcessUsage server = new ProcessUsage(emitter.pid());
            double cpuBefore = server.cpuSeconds();
            JitWatch jit = JitWatch.start(emitter.pid());
            double batched = batched(events, token, BATCH_RUN);
            double cpuPerEvent = (server.cpuSeconds() - cpuBefore) * 1e6 / (batched * BATCH_RUN.toSeconds());
            double compiling = jit.share();
            rows.add(String.format(
                    "| warm-up (both request shapes until the emitter's JIT compiler is quiet) | %d s |",
                    warmUp.toSeconds()));
            rows.add(String.format(
                    "| emitter, batches of %d, %d clients | %,.0f events/s (%.2fx the ceiling); emitter CPU %.1f us per event;"
                            + " JIT compiling %.0f%% of the time |",
                    BATCH, BATCH_CLIENTS, batched, batched / ceiling.recordsPerSecond(), cpuPerEvent, compiling * 100));
            for (int rate : RATES) {
                rows.add(fixedRate(emitter, token, rate, RATE_RUN, true, false));
            }
            // Keyed emits claim their key in the idempotency log first (ADR 0006): their own row.
            rows.add(fixedRate(emitter, token, RATES[RATES.length - 1], RATE_RUN, true, true));
            if (recording != null) {
                // The measured phases only: warm-up samples are mostly the JIT compiler's.
                long seconds = (System.nanoTime() - measured) / 1_000_000_000L + 1;
                Jcmd.run(emitter.pid(), "JFR.dump name=bench begin=-" + seconds + "s filename=" + recording);
            }
        } finally {
            emitter.stop();
        }
        return rows;
    }

    /**
     * Sends both request shapes in rounds until the emitter's JIT compiler is quiet ({@link JitWatch})
     * or {@link #WARM_UP_MAX} passed: a service runs for days. Answers how long it took.
     */
    private static Duration warmUp(ServiceProcess emitter, URI events, String token) throws Exception {
        return JitWatch.untilQuiet(emitter.pid(), WARM_UP_MAX, () -> {
                    batched(events, token, WARM_UP_ROUND);
                    fixedRate(emitter, token, RATES[0], WARM_UP_ROUND, false, false);
                    fixedRate(emitter, token, RATES[0], WARM_UP_ROUND, false, true);
                })
                .took();
    }

    private static double batched(URI events, String token, Duration length) throws Exception {
        AtomicLong written = new AtomicLong();
        long deadline = System.nanoTime() + length.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(BATCH_CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < BATCH_CLIENTS; c++) {
            running.add(clients.submit(() -> {
                while (System.nanoTime() < deadline) {
                    // A new batch each time: repeated records would compress better than real ones.
                    StringBuilder body = new StringBuilder("[");
                    for (int i = 0; i < BATCH; i++) {
                        body.append(i == 0 ? "" : ",").append(event("b-" + i));
                    }
                    String batch = body.append(']').toString();
                    HttpResponse<String> response =
                            HTTP.send(post(events, token, batch), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 201) {
                        // A refused batch is a broken benchmark, not a slow emitter: stop and say why.
                        throw new IllegalStateException("a batch got " + response.statusCode() + " ("
                                + response.version() + "): " + response.body());
                    }
                    written.addAndGet(BATCH);
                }
                return null;
            }));
        }
        try {
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            // Also when a client failed: its pool's threads would keep the harness from exiting.
            clients.shutdownNow();
        }
        return written.get() / ((System.nanoTime() - started) / 1e9);
    }

    private static String fixedRate(
            ServiceProcess emitter, String token, int rate, Duration run, boolean measured, boolean keyed)
            throws Exception {
        URI url = URI.create(emitter.url());
        String head = "POST /v1/events HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                + (keyed ? "Idempotency-Key: %s\r\n" : "") + "Content-Length: ";
        PostLoad load = new PostLoad(url.getHost(), url.getPort(), MAX_CONNECTIONS);
        ProcessUsage server = new ProcessUsage(emitter.pid());
        String prometheus = emitter.url() + "/prometheus";
        ScrapedHistogram before = ScrapedHistogram.scrape(prometheus, EMIT_LATENCY);
        double serverCpu = server.cpuSeconds();
        long clientCpu = ownCpuNanos();
        JitWatch jit = JitWatch.start(emitter.pid());
        PostLoad.Result result = load.run(rate, run, i -> {
            byte[] body = event("r-" + i).getBytes(StandardCharsets.UTF_8);
            String keyedHead = keyed ? head.replace("%s", UUID.randomUUID().toString()) : head;
            byte[] request = (keyedHead + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            byte[] whole = Arrays.copyOf(request, request.length + body.length);
            System.arraycopy(body, 0, whole, request.length, body.length);
            return whole;
        });
        if (measured && !keyed) {
            trace(result, rate);
        }
        double serverSeconds = server.cpuSeconds() - serverCpu;
        double clientSeconds = (ownCpuNanos() - clientCpu) / 1e9;
        double compiling = jit.share();
        ScrapedHistogram own = ScrapedHistogram.scrape(prometheus, EMIT_LATENCY).since(before);
        int created = result.count(201);
        // The slowest 1%: scattered, or in bursts a stall of the whole path makes.
        LatencyBursts bursts = LatencyBursts.of(result.byRequest(), rate, (long) (result.percentileMillis(0.99) * 1e6));
        int failed =
                result.statuses().values().stream().mapToInt(Integer::intValue).sum() - created;
        return String.format(
                "| emitter, single%s events at %,d requests/s for %d s | p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
                        + " emitter's own p50 <= %.1f ms, p99 <= %.1f ms; %,.0f answered/s, %d failed %s;"
                        + " emitter CPU %.0f us per request, load generator %.0f us, which took requests up"
                        + " late by p99 %.1f ms; the slowest 1%% in %d bursts, a median %.0f ms apart;"
                        + " JIT compiling %.0f%% of the time |",
                keyed ? " keyed" : "",
                rate,
                run.toSeconds(),
                result.percentileMillis(0.50),
                result.percentileMillis(0.99),
                result.percentileMillis(1.0),
                own.upperBound(0.50, 1e3),
                own.upperBound(0.99, 1e3),
                created / result.seconds(),
                failed,
                result.statuses(),
                serverSeconds * 1e6 / Math.max(1, created),
                clientSeconds * 1e6 / Math.max(1, created),
                result.latePercentileMillis(0.99),
                bursts.bursts(),
                bursts.medianGapMillis(),
                compiling * 100);
    }

    /** Writes the phase's latencies in schedule order when {@code EVENTLINE_BENCH_TRACE} names a folder. */
    private static void trace(PostLoad.Result result, int rate) throws IOException {
        String folder = System.getenv("EVENTLINE_BENCH_TRACE");
        if (folder == null) {
            return;
        }
        Path dir = Files.createDirectories(Path.of(folder));
        Path file;
        int n = 0;
        do {
            file = dir.resolve("single-" + rate + "-" + ++n + ".tsv");
        } while (Files.exists(file));
        long[] byRequest = result.byRequest();
        StringBuilder lines = new StringBuilder("scheduled_ms\tlatency_ms\n");
        for (int i = 0; i < byRequest.length; i++) {
            lines.append(String.format(
                    Locale.ROOT, "%.3f\t%.3f%n", i * 1e3 / rate, byRequest[i] < 0 ? -1 : byRequest[i] / 1e6));
        }
        Files.writeString(file, lines);
    }

    /** CPU time of this JVM (the load generator; the broker and the emitter are child processes). */
    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Threads that do not keep the JVM alive once the figures are printed. */
    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "emit-client");
        thread.setDaemon(true);
        return thread;
    }

    private static HttpRequest post(URI events, String token, String body) {
        return HttpRequest.newBuilder(events)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /**
     * An event whose title is random letters, as random as {@code kafka-producer-perf-test}'s payloads,
     * so compression gains neither side anything.
     */
    private static String event(String recordId) {
        char[] title = new char[TITLE_LENGTH];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < title.length; i++) {
            title[i] = (char) ('A' + random.nextInt(26));
        }
        return "{\"type\":\"assignment.created\",\"recordId\":\"" + recordId + "\",\"payload\":{\"title\":\""
                + new String(title)
                + "\",\"classId\":\"7b\",\"dueAt\":null,\"status\":\"PUBLISHED\"}}";
    }
}
