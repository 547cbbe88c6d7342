package dev.eventline.bench;

import java.util.Map;

/**
 * The reconnect storm alone, several times on one stream service: warmed up like the fan-out
 * benchmark, then {@code storms} rounds of the fan-out benchmark's storm (5,000 clients resuming 1,000
 * events behind). The first round is what the fan-out benchmark reports; later ones show the same
 * server once its catch-up path is compiled. A few minutes instead of the whole fan-out run, for
 * before/after comparisons of the stream service.
 *
 * <p>Run with {@code bench/bin/bench storm [storms]}. The stream service is the jar under the
 * repository named by {@code eventline.repo}, so another checkout's build can be measured with this
 * load generator. Prints a Markdown table.
 */
public final class StormBenchmark {

    private static final int DEFAULT_STORMS = 3;

    private StormBenchmark() {}

    /** Entry point; the optional argument is the number of storms. */
    public static void main(String[] args) throws Exception {
        int storms = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_STORMS;
        FanOutBenchmark.Plan plan = FanOutBenchmark.Plan.FULL;
        FanOutReport report = new FanOutReport("Eventline");
        try (BenchBroker broker = BenchBroker.start("storm");
                EventlineTarget eventline = new EventlineTarget("Eventline", broker, Map.of());
                FanOutRun run = new FanOutRun(eventline)) {
            FanOutBenchmark.progress(FanOutBenchmark.warmUp(run, plan));
            for (int i = 0; i < storms; i++) {
                report.add(FanOutBenchmark.progress(run.storm(plan.stormClients, plan.stormBehind)));
            }
        }
        System.out.println();
        report.stormTable().forEach(System.out::println);
    }
}
