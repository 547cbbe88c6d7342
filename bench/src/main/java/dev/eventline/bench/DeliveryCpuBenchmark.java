package dev.eventline.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CPU per delivery at 1,000 subscribers x 20 events/s, the efficiency target, measured long
 * enough to tell builds apart: Nchan and the stream service in turn, round after round, each round's
 * CPU compared with Nchan's in the same cycle (the machine drifts between cycles, less within one).
 * The fan-out benchmark ends with three such cycles.
 *
 * <p>Run with {@code bench/bin/bench cpu [rounds]}. {@code EVENTLINE_BENCH_COMPARE=<checkout>} adds
 * that checkout's stream-service build to the rotation, so a change is measured before/after against the
 * same Nchan in the same run. Every server is warmed up as in the fan-out benchmark first. Prints a
 * Markdown table of the rounds and each build's median ratio to Nchan.
 */
public final class DeliveryCpuBenchmark {

    private static final int SUBSCRIBERS = 1000;
    private static final int RATE = 20;
    private static final Duration ROUND = Duration.ofSeconds(20);
    private static final int DEFAULT_ROUNDS = 5;

    private DeliveryCpuBenchmark() {}

    /** Entry point; the optional argument is the number of rounds. */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ROUNDS;
        String compare = System.getenv("EVENTLINE_BENCH_COMPARE");
        List<List<FanOutRun.Delivered>> cycles;
        try (BenchBroker broker = BenchBroker.start("cpu");
                NchanTarget nchan = new NchanTarget(broker.work(), 2);
                EventlineTarget eventline = new EventlineTarget("Eventline", broker, Map.of());
                EventlineTarget other = compare == null
                        ? null
                        : new EventlineTarget("Eventline (" + compare + ")", Path.of(compare), broker, Map.of());
                FanOutRun nchanRun = new FanOutRun(nchan);
                FanOutRun eventlineRun = new FanOutRun(eventline);
                FanOutRun otherRun = other == null ? null : new FanOutRun(other)) {
            List<FanOutRun> runs = new ArrayList<>(List.of(nchanRun, eventlineRun));
            if (otherRun != null) {
                runs.add(otherRun);
            }
            for (FanOutRun run : runs) {
                FanOutBenchmark.progress(FanOutBenchmark.warmUp(run, FanOutBenchmark.Plan.FULL));
            }
            cycles = cycles(runs, rounds);
        }
        System.out.println();
        DeliveryCpuReport.markdown(cycles).forEach(System.out::println);
    }

    /**
     * {@code rounds} cycles of 1,000 x 20 over warmed-up {@code runs}, each cycle a round of every run
     * in the given order (the peer first, for {@link DeliveryCpuReport}). Blocks for about
     * {@code rounds} x runs x 25 s.
     */
    static List<List<FanOutRun.Delivered>> cycles(List<FanOutRun> runs, int rounds) throws Exception {
        List<List<FanOutRun.Delivered>> cycles = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            List<FanOutRun.Delivered> cycle = new ArrayList<>();
            for (FanOutRun run : runs) {
                cycle.add(FanOutBenchmark.progress(run.deliver(SUBSCRIBERS, RATE, ROUND)));
            }
            cycles.add(cycle);
        }
        return cycles;
    }
}
