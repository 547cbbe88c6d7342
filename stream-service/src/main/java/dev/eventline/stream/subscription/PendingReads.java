package dev.eventline.stream.subscription;

import dev.eventline.stream.cursor.PartitionRef;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * A subscription's reads that did not complete at once: those in flight (catch-up reads from Kafka),
 * their results waiting for the next drain, and partitions whose log made no progress and wait a
 * while before they are read again.
 *
 * <p>Threading: reads complete on the log's threads ({@link #await}'s callback); every other method is
 * called by the subscription's drain, one thread at a time. Most drains follow the live end with
 * nothing pending, so the checks start with emptiness tests: at a thousand subscribers per event the
 * per-partition map probes showed in the profile.
 */
final class PendingReads {

    private final Set<PartitionRef> reading = ConcurrentHashMap.newKeySet();
    private final Map<PartitionRef, Object> finished = new ConcurrentHashMap<>();
    private final Map<PartitionRef, Long> retryAt = new ConcurrentHashMap<>();

    /** True when {@code partition} may be read now: no read of it in flight, no retry delay running. */
    boolean mayRead(PartitionRef partition) {
        if (!reading.isEmpty() && reading.contains(partition)) {
            return false;
        }
        Long notBefore = retryAt.isEmpty() ? null : retryAt.get(partition);
        return notBefore == null || System.nanoTime() >= notBefore;
    }

    /** Tracks {@code read} of {@code partition}, which did not complete at once; runs {@code wake} once it has. */
    void await(PartitionRef partition, CompletionStage<ReadResult> read, Runnable wake) {
        reading.add(partition);
        read.whenComplete((result, error) -> {
            finished.put(partition, error != null ? error : result);
            reading.remove(partition);
            wake.run();
        });
    }

    /**
     * Hands each finished read of {@code partitions} to {@code apply}, in their order, and forgets it.
     * Returns true when a read failed (the log is unavailable).
     */
    boolean collect(List<PartitionRef> partitions, BiConsumer<PartitionRef, ReadResult> apply) {
        if (finished.isEmpty()) {
            return false;
        }
        boolean failed = false;
        for (PartitionRef partition : partitions) {
            Object result = finished.remove(partition);
            if (result instanceof ReadResult read) {
                apply.accept(partition, read);
            } else if (result instanceof Throwable) {
                failed = true;
            }
        }
        return failed;
    }

    /** {@code partition}'s log made no progress below its live end: not read again for {@code delayNanos}. */
    void retryLater(PartitionRef partition, long delayNanos) {
        retryAt.put(partition, System.nanoTime() + delayNanos);
    }

    /** {@code partition} progressed: read it whenever it has more. */
    void progressed(PartitionRef partition) {
        if (!retryAt.isEmpty()) {
            retryAt.remove(partition);
        }
    }

    /** True when {@code partition} waits out a retry delay. */
    boolean retrying(PartitionRef partition) {
        return !retryAt.isEmpty() && retryAt.containsKey(partition);
    }
}
