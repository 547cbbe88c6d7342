package dev.eventline.infra.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fan-out, idle connections and the reconnect storm, for our stream service and for Nchan side by side
 * in the same run (the machines are shared: compare within a run). One load generator process holds
 * the subscribers, checks that every subscriber got every event exactly once and in order, and measures
 * latency from each event's {@code emittedAt} to its parsing; the server's CPU and memory come from
 * {@code /proc}.
 *
 * <p>Run with {@code infra/bin/bench fanout} ({@code fanout quick} for a short smoke run); prints
 * Markdown tables for {@code docs/benchmarks.md}. Takes about ten minutes.
 */
public final class FanOutBenchmark {

    /** The title every benchmark event carries: an ordinary size, the same for every target. */
    static final String TITLE = "Fractions and decimals, week 12: worksheet and reflection";

    private FanOutBenchmark() {}

    /** Entry point; {@code eventline.repo} names the repository; {@code quick} shortens every scenario. */
    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("quick");
        Plan plan = quick ? Plan.QUICK : Plan.FULL;
        List<String> report = new ArrayList<>();
        try (BenchBroker broker = BenchBroker.start("fanout")) {
            try (NchanTarget nchan = new NchanTarget(broker.work(), 2);
                    EventlineTarget eventline = new EventlineTarget("Eventline", broker, Map.of());
                    // The same service with the framework's reactive SSE writer: the before of the direct writer.
                    EventlineTarget framework = new EventlineTarget(
                            "Eventline, framework writer", broker, Map.of("EVENTLINE_STREAM_DIRECT_WRITE", "false"));
                    FanOutRun nchanRun = new FanOutRun(nchan);
                    FanOutRun eventlineRun = new FanOutRun(eventline);
                    FanOutRun frameworkRun = new FanOutRun(framework)) {
                List<FanOutRun> runs = List.of(nchanRun, eventlineRun, frameworkRun);
                for (FanOutRun run : runs) {
                    // Warm-up, not reported: JIT compilation and pools settle before anything is measured.
                    progress("warm-up " + run.deliver(plan.warmUp, 100, Duration.ofSeconds(10)));
                }
                fanOut(runs, plan, report);
                storm(runs, plan, report);
                // Last: closing this many connections leaves the load generator's ports in TIME_WAIT.
                idle(runs, plan, report);
            }
        }
        System.out.println();
        report.forEach(System.out::println);
    }

    private static void idle(List<FanOutRun> runs, Plan plan, List<String> report) throws Exception {
        report.add("| idle connections | held | resident memory before -> after | resident per connection |"
                + " live heap per connection |");
        report.add("|---|---|---|---|---|");
        for (FanOutRun run : runs) {
            FanOutRun.Idle idle = run.idle(plan.idle);
            progress(idle.toString());
            report.add(String.format(
                    Locale.ROOT,
                    "| %s | %,d of %,d (%d refused) | %.0f MiB -> %.0f MiB | %s | %s |",
                    idle.target(),
                    idle.connections(),
                    plan.idle,
                    idle.failed(),
                    idle.residentBefore() / 1048576.0,
                    idle.residentAfter() / 1048576.0,
                    // A JVM may hand heap back to the OS while the connections open; RSS then says nothing.
                    idle.bytesPerConnection() < 0
                            ? "n/a (heap shrank)"
                            : String.format(Locale.ROOT, "%.1f KiB", idle.bytesPerConnection() / 1024),
                    idle.heapPerConnection().isPresent()
                            ? String.format(
                                    Locale.ROOT,
                                    "%.1f KiB",
                                    idle.heapPerConnection().getAsLong() / 1024.0)
                            : "n/a (no heap)"));
        }
        report.add("");
    }

    private static void fanOut(List<FanOutRun> runs, Plan plan, List<String> report) throws Exception {
        report.add("| server | subscribers x events/s | published/s | deliveries/s | latency p50 / p99 / max |"
                + " server CPU per delivery | server memory | missing / duplicates |");
        report.add("|---|---|---|---|---|---|---|---|");
        for (int[] shape : plan.shapes) {
            for (FanOutRun run : runs) {
                FanOutRun.Delivered d = run.deliver(shape[0], shape[1], plan.duration);
                progress(d.toString());
                report.add(String.format(
                        Locale.ROOT,
                        "| %s | %,d x %,d | %,.0f | %,.0f | %d / %d / %d ms | %.1f µs | %.0f MiB | %d / %d%s |",
                        d.target(),
                        d.subscribers(),
                        d.rate(),
                        d.publishedPerSecond(),
                        d.deliveriesPerSecond(),
                        d.p50(),
                        d.p99(),
                        d.max(),
                        d.cpuMicrosPerDelivery(),
                        d.residentBytes() / 1048576.0,
                        d.delivery().missing(),
                        d.delivery().duplicates(),
                        d.drained() ? "" : " (not drained in 60 s)"));
            }
        }
        report.add("");
    }

    private static void storm(List<FanOutRun> runs, Plan plan, List<String> report) throws Exception {
        report.add("| reconnect storm | clients x events behind | all caught up after | missing / duplicates |");
        report.add("|---|---|---|---|");
        for (FanOutRun run : runs) {
            FanOutRun.Storm storm = run.storm(plan.stormClients, plan.stormBehind);
            progress(storm.toString());
            report.add(String.format(
                    Locale.ROOT,
                    "| %s | %,d x %,d | %s | %d / %d |",
                    storm.target(),
                    storm.clients(),
                    storm.behind(),
                    storm.caughtUp() == null
                            ? "not within 60 s"
                            : storm.caughtUp().toMillis() + " ms",
                    storm.delivery().missing(),
                    storm.delivery().duplicates()));
        }
        report.add("");
    }

    private static void progress(String line) {
        System.err.println("==> " + line);
    }

    /** How big each scenario is. */
    private enum Plan {
        FULL(19_000, new int[][] {{1000, 20}, {1000, 100}, {1000, 500}, {10_000, 2}}, 10, 5000, 1000, 1000),
        QUICK(2_000, new int[][] {{200, 20}, {200, 200}}, 5, 500, 200, 200);

        final int warmUp;
        final int idle;
        final int[][] shapes;
        final Duration duration;
        final int stormClients;
        final int stormBehind;

        Plan(int idle, int[][] shapes, int seconds, int stormClients, int stormBehind, int warmUp) {
            this.warmUp = warmUp;
            this.idle = idle;
            this.shapes = shapes;
            this.duration = Duration.ofSeconds(seconds);
            this.stormClients = stormClients;
            this.stormBehind = stormBehind;
        }
    }
}
