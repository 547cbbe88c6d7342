package dev.eventline.stream.subscription;

import dev.eventline.stream.cursor.PartitionRef;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * The event log as the stream sees it (Kafka in production, see {@code dev.eventline.stream.kafka}).
 *
 * <p>Contract: {@link #read} answers from memory when it can (recent records) and from the log
 * otherwise, never blocking the caller; reads by offset are exact, so a subscriber that moves from
 * old records to live ones by offset sees each record once. {@link AppendWatch#watch} callbacks run
 * on the adapter's thread and must only schedule work. Thread-safe.
 */
public interface StreamLog extends AppendWatch {

    /** Waits up to {@code timeout} until the log follows every partition; false if it does not yet. */
    boolean awaitReady(Duration timeout);

    /**
     * How many records the live tail is behind the log's end, summed over partitions, as of its last
     * read; -1 while unknown. Operators alert on it (docs/operations.md). Non-blocking.
     */
    long tailLagRecords();

    /** Partitions of a catalog topic, 0 when the topic does not exist in the log. */
    int partitionCount(String topic);

    /** The partition the emitter writes {@code key} to (the same hash as the producer's). */
    int partitionOf(String topic, String key);

    /** The next offset the log will assign in {@code partition}: a subscription starting "now" starts here. */
    long liveEnd(PartitionRef partition);

    /**
     * The oldest retained offset. Blocking (asks the log); used when a stream opens, so that a resume
     * below retention is answered with a reset by every instance alike.
     */
    long earliest(PartitionRef partition);

    /** The first offset whose record is not older than {@code epochMillis}, or the live end. Blocking. */
    long offsetAt(PartitionRef partition, long epochMillis);

    /** Reads up to {@code max} events from {@code from}; completes empty when nothing is there yet. */
    CompletionStage<ReadResult> read(PartitionRef partition, long from, int max);

    /**
     * {@code partition} resolved once, for callers that ask about it at every event (a live
     * subscription asks for the live end and reads for every delivery). The handle answers exactly as
     * {@link #liveEnd} and {@link #read} do and stays valid as long as the log.
     *
     * @throws IllegalArgumentException when the log does not follow {@code partition}
     */
    default Partition partition(PartitionRef partition) {
        return Partition.of(partition, () -> liveEnd(partition), (from, max) -> read(partition, from, max));
    }

    /**
     * {@link #read} for callers that may block (request threads): waits at most {@code timeout}.
     *
     * @throws LogUnavailableException when the read fails or takes longer
     */
    default ReadResult readNow(PartitionRef partition, long from, int max, Duration timeout) {
        try {
            return read(partition, from, max).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new LogUnavailableException("reading " + partition + " from " + from + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogUnavailableException("interrupted", e);
        }
    }

    /** One partition of the log, see {@link #partition}. Thread-safe; {@link #read} never blocks. */
    interface Partition {

        /** Which partition this is. */
        PartitionRef ref();

        /** As {@link StreamLog#liveEnd}. */
        long liveEnd();

        /** As {@link StreamLog#read}. */
        CompletionStage<ReadResult> read(long from, int max);

        /** A handle on {@code ref} that answers from these functions. */
        static Partition of(PartitionRef ref, LongSupplier liveEnd, Reads reads) {
            return new Partition() {
                @Override
                public PartitionRef ref() {
                    return ref;
                }

                @Override
                public long liveEnd() {
                    return liveEnd.getAsLong();
                }

                @Override
                public CompletionStage<ReadResult> read(long from, int max) {
                    return reads.read(from, max);
                }
            };
        }

        /** Reads of one partition, as {@link Partition#read}. */
        @FunctionalInterface
        interface Reads {
            CompletionStage<ReadResult> read(long from, int max);
        }
    }
}
