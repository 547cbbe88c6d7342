package dev.eventline.stream.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.TopicPartition;

/**
 * The oldest retained offset of each partition, with callers that ask at the same time sharing one
 * lookup. A caller gets the answer of a lookup that <em>started after it asked</em>, so the answer is
 * never older than the call (retention is seen as it was then), while a reconnect storm of thousands
 * of resumes waits for a few broker round trips instead of queueing one round trip each behind the
 * metadata consumer's lock.
 *
 * <p>Threading: thread-safe; blocking (callers wait for at most the lookup in flight and the next
 * one).
 */
final class OldestOffsets {

    private final ToLongFunction<TopicPartition> lookup;
    private final Map<TopicPartition, Answer> answers = new HashMap<>();

    /** {@code lookup} asks the log (blocking); it is called by one thread at a time. */
    OldestOffsets(ToLongFunction<TopicPartition> lookup) {
        this.lookup = lookup;
    }

    /** The oldest retained offset of {@code partition}, as of this call or later. */
    long oldest(TopicPartition partition) {
        long asked = System.nanoTime();
        synchronized (this) {
            Answer last = answers.get(partition);
            if (last != null && last.started - asked > 0) {
                return last.offset;
            }
            long started = System.nanoTime();
            long offset = lookup.applyAsLong(partition);
            answers.put(partition, new Answer(started, offset));
            return offset;
        }
    }

    private record Answer(long started, long offset) {}
}
