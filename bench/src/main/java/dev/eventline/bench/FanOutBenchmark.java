package dev.eventline.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Fan-out, idle connections and the reconnect storm, for our stream service and its peers side by side
 * in the same run (the machines are shared: compare within a run): Nchan, a bare Netty broadcaster
 * ({@link BroadcastServer}), and our service with the framework's SSE writer (the before of ADR 0005).
 * One load generator process holds the subscribers, checks that every subscriber got every event
 * exactly once and in order, and measures latency from each event's {@code emittedAt} to its parsing;
 * the server's CPU and memory come from {@code /proc}.
 *
 * <p>Run with {@code bench/bin/bench fanout} ({@code quick} for a short smoke run, {@code framework} to
 * add the framework writer); prints Markdown tables for {@code docs/performance.md}, the last one
 * CPU per delivery at 1,000 x 20 over three 20 s cycles against Nchan ({@link DeliveryCpuBenchmark}'s
 * rounds). Takes about 25 minutes.
 */
public final class FanOutBenchmark {

    /** The title every benchmark event carries: an ordinary size, the same for every target. */
    static final String TITLE = "Fractions and decimals, week 12: worksheet and reflection";

    private static final String OURS = "Eventline";
    /** The longest a JVM server warms up before measuring, JIT compiler quiet or not. */
    // At 1,000 x 20 a JVM server's compiler stays busy for minutes after it first drops under the
    // emit benchmark's 5%: 0.7-2.5 µs per delivery, a tenth or more of the service's CPU (bench cpu,
    // bench/NOTEBOOK.md). CPU per delivery is compared with a C server, so the warm-up waits for 1%.
    private static final double WARM_UP_QUIET = 0.01;

    private static final Duration WARM_UP_MAX = Duration.ofMinutes(8);

    /**
     * Cycles of {@link DeliveryCpuBenchmark}'s 20 s rounds, Nchan then ours, after the shapes: the
     * efficiency target at 1,000 x 20 is a few percent either way, and single 10 s rounds of the same
     * build ranged from 0.81x to 1.16x Nchan.
     */
    private static final int CPU_CYCLES = 3;

    private FanOutBenchmark() {}

    /** Entry point; {@code eventline.repo} names the repository; {@code quick} shortens every scenario. */
    public static void main(String[] args) throws Exception {
        Plan plan = List.of(args).contains("quick") ? Plan.QUICK : Plan.FULL;
        boolean withFramework = List.of(args).contains("framework");
        FanOutReport report = new FanOutReport(OURS);
        List<List<FanOutRun.Delivered>> cpuCycles = List.of();
        try (BenchBroker broker = BenchBroker.start("fanout")) {
            try (NettyTarget netty = new NettyTarget(broker.work());
                    NchanTarget nchan = new NchanTarget(broker.work(), 2);
                    EventlineTarget eventline = new EventlineTarget(OURS, broker, Map.of());
                    // The framework's reactive writer, the before of ADR 0005, on request only: at 1000
                    // subscribers it falls minutes behind and its backlog would starve the next scenarios.
                    EventlineTarget framework = withFramework
                            ? new EventlineTarget(
                                    OURS + ", framework writer",
                                    broker,
                                    Map.of("EVENTLINE_STREAM_DIRECT_WRITE", "false"))
                            : null;
                    FanOutRun nettyRun = new FanOutRun(netty);
                    FanOutRun nchanRun = new FanOutRun(nchan);
                    FanOutRun eventlineRun = new FanOutRun(eventline);
                    FanOutRun frameworkRun = framework == null ? null : new FanOutRun(framework)) {
                List<FanOutRun> runs = Stream.of(nettyRun, nchanRun, eventlineRun, frameworkRun)
                        .filter(Objects::nonNull)
                        .toList();
                for (FanOutRun run : runs) {
                    // Warm-up, not reported: JIT compilation and pools settle before anything is measured.
                    progress(warmUp(run, plan));
                }
                for (int[] shape : plan.shapes) {
                    for (FanOutRun run : runs) {
                        report.add(progress(run.deliver(shape[0], shape[1], plan.duration)));
                    }
                }
                if (plan == Plan.FULL) {
                    cpuCycles = DeliveryCpuBenchmark.cycles(List.of(nchanRun, eventlineRun), CPU_CYCLES);
                }
                for (FanOutRun run : runs) {
                    if (run.resumes()) {
                        report.add(progress(run.storm(plan.stormClients, plan.stormBehind)));
                    }
                }
                // Last: closing this many connections leaves the load generator's ports in TIME_WAIT.
                for (FanOutRun run : runs) {
                    report.add(progress(run.idle(plan.idle)));
                }
            }
        }
        System.out.println();
        report.markdown().forEach(System.out::println);
        if (!cpuCycles.isEmpty()) {
            DeliveryCpuReport.markdown(cpuCycles).forEach(System.out::println);
        }
    }

    /**
     * Warms {@code run}'s server up before anything is measured: rounds of the plan's warm-up
     * subscribers at 20 events/s, 10 s each, until a JVM's JIT compiler spends under
     * {@link #WARM_UP_QUIET} of a round compiling or {@link #WARM_UP_MAX} passed. Answers what the rounds
     * took.
     */
    static String warmUp(FanOutRun run, Plan plan) throws Exception {
        return run.warmUp(plan.warmUp, 20, Duration.ofSeconds(10), WARM_UP_MAX, WARM_UP_QUIET);
    }

    static <T> T progress(T figures) {
        System.err.println("==> " + figures);
        return figures;
    }

    /** How big each scenario is. */
    enum Plan {
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
