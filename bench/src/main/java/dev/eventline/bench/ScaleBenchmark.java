package dev.eventline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scale-out: two stream instances behind HAProxy against one instance alone, on one broker, at 1,000
 * subscribers x 20 events/s and the most subscribers HAProxy can hold x 2 events/s: deliveries per
 * second, p99 latency, the instances' CPU per delivery, and HAProxy's own CPU per delivery apart.
 * Both set-ups are warmed up first (JIT quiet, as in the fan-out benchmark; the pair through the load
 * balancer); then they take turns, round after round, so the machine's drift hits both alike.
 *
 * <p>Run with {@code bench/bin/bench scale [rounds]} (3 by default). Prints a Markdown table.
 *
 * <p>Why not 10,000 subscribers through HAProxy: every proxied connection holds two descriptors in
 * HAProxy's one process, and this machine's hard limit on open files is 20,000, which HAProxy cannot
 * raise; it serves {@value #MANY} and the single instance gets the same shape.
 */
public final class ScaleBenchmark {

    /** Subscribers HAProxy can proxy under a 20,000-descriptor limit, with room for its own files. */
    static final int MANY = 9_500;

    private static final int[][] SHAPES = {{1000, 20}, {MANY, 2}};
    private static final Duration ROUND = Duration.ofSeconds(10);
    private static final int DEFAULT_ROUNDS = 3;

    private ScaleBenchmark() {}

    /** Entry point; the optional argument is the number of rounds. */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ROUNDS;
        List<FanOutRun.Delivered> results = new ArrayList<>();
        try (BenchBroker broker = BenchBroker.start("scale");
                EventlineTarget single = new EventlineTarget("Eventline x1", broker, Map.of());
                ScaledTarget scaled = new ScaledTarget(broker)) {
            try (FanOutRun one = new FanOutRun(single);
                    FanOutRun two = new FanOutRun(scaled)) {
                // The second set-up warms through the load balancer: both instances take half the load.
                FanOutBenchmark.progress(FanOutBenchmark.warmUp(one, FanOutBenchmark.Plan.FULL));
                FanOutBenchmark.progress(FanOutBenchmark.warmUp(two, FanOutBenchmark.Plan.FULL));
                for (int round = 0; round < rounds; round++) {
                    for (int[] shape : SHAPES) {
                        results.add(FanOutBenchmark.progress(one.deliver(shape[0], shape[1], ROUND)));
                        results.add(FanOutBenchmark.progress(two.deliver(shape[0], shape[1], ROUND)));
                    }
                }
            }
        }
        System.out.println();
        System.out.println(
                "| shape | set-up | deliveries/s | p99 ms | instances' CPU µs/delivery | HAProxy CPU µs/delivery"
                        + " | complete |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (FanOutRun.Delivered d : results) {
            System.out.println(String.format(
                    Locale.ROOT,
                    "| %,d x %d | %s | %,.0f | %d | %.1f | %.1f | %s |",
                    d.subscribers(),
                    d.rate(),
                    d.target(),
                    d.deliveriesPerSecond(),
                    d.p99(),
                    d.cpuMicrosPerDelivery(),
                    d.apartMicrosPerDelivery(),
                    d.drained() && d.delivery().missing() == 0 && d.delivery().duplicates() == 0
                            ? "yes"
                            : "no: " + d.delivery()));
        }
    }
}
