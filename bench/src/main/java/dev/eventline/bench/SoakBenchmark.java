package dev.eventline.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The soak: steady load on one stream-service for a long time (30 minutes by default), a line of
 * figures every minute. Memory (live heap after a full collection) should stay flat, no event should
 * go missing, and once the subscribers leave the service should hold as many open files as before
 * they came (no leaked connections).
 *
 * <p>Run with {@code bench/bin/bench soak [minutes]}; not part of CI. Prints a Markdown table.
 */
public final class SoakBenchmark {

    private static final int SUBSCRIBERS = 1000;
    private static final int RATE = 20;

    private SoakBenchmark() {}

    /** Entry point; the optional argument is the duration in minutes. */
    public static void main(String[] args) throws Exception {
        Duration total = Duration.ofMinutes(args.length > 0 ? Long.parseLong(args[0]) : 30);
        try (BenchBroker broker = BenchBroker.start("soak")) {
            try (EventlineTarget eventline = new EventlineTarget("Eventline", broker, Map.of());
                    FanOutRun run = new FanOutRun(eventline)) {
                System.out.printf(Locale.ROOT, "%n%,d subscribers x %d events/s for %s%n%n", SUBSCRIBERS, RATE, total);
                System.out.println(
                        "| minute | resident memory | live heap | server CPU so far | open files | latency p99 | missing |"
                                + " open streams |");
                System.out.println("|---|---|---|---|---|---|---|---|");
                long[] files = run.soak(
                        SUBSCRIBERS,
                        RATE,
                        total,
                        Duration.ofMinutes(1),
                        sample -> System.out.printf(
                                Locale.ROOT,
                                "| %d | %.0f MiB | %.1f MiB | %.1f s | %d | %d ms | %d | %d |%n",
                                sample.elapsed().toMinutes(),
                                sample.residentBytes() / 1048576.0,
                                sample.liveHeapBytes().orElse(0) / 1048576.0,
                                sample.cpuSeconds(),
                                sample.openFiles(),
                                sample.p99(),
                                sample.missing(),
                                sample.open()));
                System.out.printf(
                        Locale.ROOT,
                        "%nopen files of the service before the subscribers: %d; after they left: %d%n",
                        files[0],
                        files[1]);
            }
        }
    }
}
