package dev.eventline.stream.snapshot.kafka;

import dev.eventline.stream.metrics.StreamMetrics;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what the snapshot stores restore from their changelogs: records to restore (summed as each
 * partition's restore begins) and records restored, for readiness and the restore metric. Logs the
 * total when a restore of more than {@value #LOGGED_ABOVE} records ends. Called by the stream thread;
 * read from any thread.
 */
final class RestoreProgress implements StateRestoreListener {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreProgress.class);
    private static final long LOGGED_ABOVE = 10_000;

    private final StreamMetrics metrics;
    private final AtomicLong toRestore = new AtomicLong();
    private final AtomicLong restored = new AtomicLong();
    private final long startedAt = System.nanoTime();

    RestoreProgress(StreamMetrics metrics) {
        this.metrics = metrics;
    }

    long restored() {
        return restored.get();
    }

    long toRestore() {
        return toRestore.get();
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
        toRestore.addAndGet(Math.max(0, end - start));
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEnd, long count) {
        restored.addAndGet(count);
        metrics.restored(count);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long count) {
        if (restored.get() >= toRestore.get() && restored.get() > LOGGED_ABOVE) {
            LOG.info(
                    "snapshot stores restored {} records in {} ms",
                    restored.get(),
                    (System.nanoTime() - startedAt) / 1_000_000);
        }
    }
}
