package dev.eventline.bench.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a fixed-rate run's slow requests were spread over time: scattered, or in bursts, as a stall of
 * the whole path makes them (the request scheduled when the stall began waits longest, the ones after
 * it a little less each). Slow requests whose schedules lie at most {@link #SAME_BURST_MILLIS} apart
 * belong to one burst. An immutable value; {@link #of} only reads its array.
 *
 * @param slow the requests at or above the threshold
 * @param bursts how many bursts they formed
 * @param medianGapMillis the median time between the starts of consecutive bursts; NaN below two bursts
 */
public record LatencyBursts(int slow, int bursts, double medianGapMillis) {

    /** Slow requests scheduled at most this far apart belong to one burst. */
    public static final long SAME_BURST_MILLIS = 10;

    /**
     * Reads {@code byRequest} (latency of the request scheduled {@code i} periods after the start, -1 for
     * none, as {@link PostLoad.Result#byRequest()}) at {@code rate} requests per second; a request is slow
     * at or above {@code thresholdNanos}.
     */
    public static LatencyBursts of(long[] byRequest, int rate, long thresholdNanos) {
        long periodNanos = 1_000_000_000L / rate;
        List<Long> starts = new ArrayList<>();
        int slow = 0;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < byRequest.length; i++) {
            if (byRequest[i] < thresholdNanos) {
                continue;
            }
            slow++;
            long scheduled = i * periodNanos;
            if (last == Long.MIN_VALUE || scheduled - last > SAME_BURST_MILLIS * 1_000_000L) {
                starts.add(scheduled);
            }
            last = scheduled;
        }
        double[] gaps = new double[Math.max(0, starts.size() - 1)];
        for (int i = 1; i < starts.size(); i++) {
            gaps[i - 1] = (starts.get(i) - starts.get(i - 1)) / 1e6;
        }
        Arrays.sort(gaps);
        double median = gaps.length == 0
                ? Double.NaN
                : gaps.length % 2 == 1
                        ? gaps[gaps.length / 2]
                        : (gaps[gaps.length / 2 - 1] + gaps[gaps.length / 2]) / 2;
        return new LatencyBursts(slow, starts.size(), median);
    }
}
