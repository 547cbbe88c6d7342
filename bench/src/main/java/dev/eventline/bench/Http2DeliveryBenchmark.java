package dev.eventline.bench;

import dev.eventline.testkit.sse.H2SseLoad;
import java.util.List;
import java.util.Map;

/**
 * CPU per delivery over HTTP/2 against HTTP/1.1, on one stream-service instance in the same run: 1,000
 * subscribers x 20 events/s as HTTP/1.1 connections (one each, the direct HTTP/1.1 writer), then as
 * HTTP/2 streams multiplexed {@value #STREAMS_PER_CONNECTION} to a connection with prior knowledge (the
 * direct HTTP/2 writer), round after round. Both are warmed up first, like the fan-out benchmark.
 *
 * <p>Run with {@code bench/bin/bench http2 [rounds]}. Prints the rounds and HTTP/2's median ratio to
 * HTTP/1.1 (the target: at most 1.2x, nothing missing).
 */
public final class Http2DeliveryBenchmark {

    /** A browser's tabs, or a proxy's clients, on one connection; Chromium and nginx allow 100-128. */
    static final int STREAMS_PER_CONNECTION = 100;

    private static final int DEFAULT_ROUNDS = 5;

    /** Event numbers of the HTTP/2 run start here, far from the HTTP/1.1 run's (see FanOutRun). */
    private static final long HTTP2_FIRST_SEQUENCE = 1L << 40;

    private Http2DeliveryBenchmark() {}

    /** Entry point; the optional argument is the number of rounds. */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ROUNDS;
        List<List<FanOutRun.Delivered>> cycles;
        try (BenchBroker broker = BenchBroker.start("http2");
                EventlineTarget eventline = new EventlineTarget("Eventline", broker, Map.of());
                FanOutRun http1 = new FanOutRun(eventline);
                FanOutRun http2 = new FanOutRun(
                        eventline,
                        new H2SseLoad("127.0.0.1", eventline.port(), 2, STREAMS_PER_CONNECTION),
                        "Eventline over HTTP/2 (h2c, " + STREAMS_PER_CONNECTION + " streams a connection)",
                        HTTP2_FIRST_SEQUENCE)) {
            List<FanOutRun> runs = List.of(http1, http2);
            for (FanOutRun run : runs) {
                FanOutBenchmark.progress(FanOutBenchmark.warmUp(run, FanOutBenchmark.Plan.FULL));
            }
            cycles = DeliveryCpuBenchmark.cycles(runs, rounds);
        }
        System.out.println();
        DeliveryCpuReport.markdown(cycles).forEach(System.out::println);
    }
}
