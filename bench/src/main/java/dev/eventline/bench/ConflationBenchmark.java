package dev.eventline.bench;

import dev.eventline.bench.load.ProcessUsage;
import dev.eventline.testkit.kafka.BulkEvents;
import dev.eventline.testkit.sse.Latencies;
import dev.eventline.testkit.sse.SseGroup;
import dev.eventline.testkit.sse.SseLoad;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Conflation of progress events: 1,000 subscribers of one group following {@code files} while 10 files
 * report progress 100 times a second in all, with the catalog's 250 ms window and with {@code
 * conflate=none}, side by side on one stream instance, rounds alternating. Prints deliveries, the
 * server's CPU (per second and per delivery) and latency from emit to receipt for each.
 *
 * <p>The load generator counts events by their {@code s-<n>} record ids, so the files are named so.
 * Run with {@code bench/bin/bench conflation [rounds]}.
 */
public final class ConflationBenchmark {

    private static final int SUBSCRIBERS = 1000;
    private static final int RATE = 100;
    private static final int RECORDS = 10;
    private static final Duration ROUND = Duration.ofSeconds(20);
    private static final Duration WARM_UP = Duration.ofSeconds(10);
    private static final int DEFAULT_ROUNDS = 2;
    private static final List<String> GROUP = List.of("group:class:7b");

    /** One round's figures. */
    record Figures(
            String mode, long published, long deliveries, double seconds, double cpuSeconds, long p50, long p99) {

        double deliveriesPerSecond() {
            return deliveries / seconds;
        }

        /** Per subscriber and file: at most 4 a second with a 250 ms window, 10 without. */
        double perSubscriberAndFile() {
            return deliveriesPerSecond() / SUBSCRIBERS / RECORDS;
        }

        double cpuPercent() {
            return cpuSeconds / seconds * 100;
        }

        double cpuMicrosPerDelivery() {
            return cpuSeconds * 1e6 / deliveries;
        }
    }

    private ConflationBenchmark() {}

    /** Entry point; the optional argument is the number of rounds of each mode. */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ROUNDS;
        List<Figures> figures = new ArrayList<>();
        try (BenchBroker broker = BenchBroker.start("conflation");
                EventlineTarget stream = new EventlineTarget("Eventline", broker, Map.of());
                SseLoad load = new SseLoad("127.0.0.1", stream.port(), 2);
                BulkEvents events = BulkEvents.likeTheEmitter(broker.bootstrapServers())) {
            ProcessUsage usage = new ProcessUsage(stream.pid());
            for (boolean conflated : List.of(true, false)) {
                FanOutBenchmark.progress(round(stream, load, events, usage, conflated, WARM_UP));
            }
            for (int i = 0; i < rounds; i++) {
                for (boolean conflated : List.of(true, false)) {
                    figures.add(FanOutBenchmark.progress(round(stream, load, events, usage, conflated, ROUND)));
                }
            }
        }
        System.out.println();
        System.out.println("| stream | published/s | deliveries/s | per subscriber and file /s | server CPU | "
                + "CPU per delivery | latency p50 / p99 |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Figures f : figures) {
            System.out.println(String.format(
                    Locale.ROOT,
                    "| %s | %.0f | %,.0f | %.2f | %.0f%% | %.1f µs | %d / %d ms |",
                    f.mode(),
                    f.published() / f.seconds(),
                    f.deliveriesPerSecond(),
                    f.perSubscriberAndFile(),
                    f.cpuPercent(),
                    f.cpuMicrosPerDelivery(),
                    f.p50(),
                    f.p99()));
        }
    }

    private static Figures round(
            EventlineTarget stream,
            SseLoad load,
            BulkEvents events,
            ProcessUsage usage,
            boolean conflated,
            Duration duration)
            throws Exception {
        String path = "/v1/stream?topics=files" + (conflated ? "" : "&conflate=none");
        try (SseGroup group = load.open(
                SUBSCRIBERS,
                i -> stream.request(path, "u-" + i, List.of("class:7b"), "member"),
                false,
                Duration.ofMinutes(3))) {
            if (group.failed() > 0) {
                throw new IllegalStateException(group.failed() + " subscribers could not connect: " + group.failures());
            }
            Thread.sleep(2_000);
            load.clearLatencies();
            long before = group.check(0, 0).received();
            double cpuBefore = usage.cpuSeconds();
            long started = System.nanoTime();
            long published = publish(events, duration);
            // The last window passes and the last events reach every subscriber.
            Thread.sleep(1_000);
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpu = usage.cpuSeconds() - cpuBefore;
            long deliveries = group.check(0, 0).received() - before;
            Latencies latencies = load.latencies();
            return new Figures(
                    conflated ? "conflated (250 ms)" : "every event (conflate=none)",
                    published,
                    deliveries,
                    seconds,
                    cpu,
                    latencies.percentile(0.50),
                    latencies.percentile(0.99));
        }
    }

    /** {@link #RATE} progress events a second, round-robin over the files, for {@code duration}. */
    private static long publish(BulkEvents events, Duration duration) throws InterruptedException {
        long count = duration.toSeconds() * RATE;
        long intervalNanos = 1_000_000_000L / RATE;
        long start = System.nanoTime();
        for (long k = 0; k < count; k++) {
            long due = start + k * intervalNanos;
            long now = System.nanoTime();
            if (due > now) {
                Thread.sleep((due - now) / 1_000_000, (int) ((due - now) % 1_000_000));
            }
            events.progress(EventlineTarget.TENANT, "s-" + (k % RECORDS), (int) (k / RECORDS % 100), GROUP);
        }
        events.flush();
        return count;
    }
}
