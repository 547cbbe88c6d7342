package dev.eventline.testkit.sse;

import java.util.Arrays;

/**
 * A histogram of latencies in whole milliseconds (the resolution of an event's {@code emittedAt}), up
 * to a minute; longer ones count as a minute.
 *
 * <p>Not thread-safe: each selector thread keeps its own and {@link #add} merges them once quiet.
 */
public final class Latencies {

    private static final int MAX_MILLIS = 60_000;

    private final long[] counts = new long[MAX_MILLIS + 1];
    private long total;
    private long max;

    /** Records one latency; negative ones (clock steps) count as zero. */
    public void record(long millis) {
        int bucket = (int) Math.max(0, Math.min(MAX_MILLIS, millis));
        counts[bucket]++;
        total++;
        max = Math.max(max, bucket);
    }

    /** Adds {@code other}'s counts to this one. */
    public void add(Latencies other) {
        for (int i = 0; i <= MAX_MILLIS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        max = Math.max(max, other.max);
    }

    /** Forgets everything recorded. */
    public void clear() {
        Arrays.fill(counts, 0);
        total = 0;
        max = 0;
    }

    /** How many latencies were recorded. */
    public long count() {
        return total;
    }

    /** The latency that {@code fraction} of the recorded ones do not exceed, in ms; 0 when empty. */
    public long percentile(double fraction) {
        long rank = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int i = 0; i <= MAX_MILLIS; i++) {
            seen += counts[i];
            if (seen >= rank && seen > 0) {
                return i;
            }
        }
        return 0;
    }

    /** The largest latency recorded, in ms. */
    public long max() {
        return max;
    }
}
