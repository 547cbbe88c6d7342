package dev.eventline.stream.kafka;

import dev.eventline.stream.subscription.LogEvent;
import dev.eventline.stream.subscription.ReadResult;
import java.util.Arrays;
import java.util.List;

/**
 * The most recent events of one partition, complete from {@link #start()} to {@link #end()}: every
 * event with an offset in that range is here (offsets between them that hold no event were skipped
 * by the tail). Bounded by a count; the oldest events fall out first.
 *
 * <p>Kept as a ring of events in offset order, so a read finds its first event by binary search and
 * copies exactly the events it returns: at the live end every subscriber reads the window once per
 * event, so a read allocates only its result.
 *
 * <p>Written by the tail thread, read by subscriber threads: changes and reads of events hold the
 * window's lock, and a read copies at most one batch; {@link #start()} and {@link #end()} take no lock.
 */
final class RecentWindow {

    /** Ring slots allocated up front; the ring doubles up to the capacity as events arrive. */
    private static final int INITIAL_SLOTS = 1024;

    private final int capacity;
    private LogEvent[] ring;
    private int head;
    private int size;
    // Volatile so that the bounds are read without the lock: every drain of every subscriber asks
    // for the end of each of its partitions, from both I/O threads, while the tail appends.
    private volatile long start;
    private volatile long end;

    RecentWindow(int capacity, long startOffset) {
        // At least the newest event: live subscribers read it right after the tail appends it.
        this.capacity = Math.max(1, capacity);
        this.ring = new LogEvent[Math.min(this.capacity, INITIAL_SLOTS)];
        this.start = startOffset;
        this.end = startOffset;
    }

    /** Appends an event (or just moves the end past a skipped offset when {@code event} is null). */
    synchronized void append(LogEvent event, long nextOffset) {
        if (event != null) {
            if (size == capacity) {
                // The ring has reached the capacity: the new event takes the oldest one's slot.
                LogEvent evicted = ring[head];
                ring[head] = event;
                head = (head + 1) % ring.length;
                start = evicted.offset() + 1;
            } else {
                if (size == ring.length) {
                    grow();
                }
                ring[(head + size) % ring.length] = event;
                size++;
            }
        }
        end = nextOffset;
        if (size == 0) {
            start = end;
        }
    }

    /**
     * Forgets events below Kafka's log-start offset: the window never answers for records the log no
     * longer has, so every instance treats an expired cursor the same way (a reset).
     */
    synchronized void trimBelow(long logStart) {
        while (size > 0 && ring[head].offset() < logStart) {
            ring[head] = null;
            head = (head + 1) % ring.length;
            size--;
        }
        end = Math.max(end, logStart);
        start = size == 0 ? end : Math.max(start, logStart);
    }

    /** The oldest offset this window can answer for. */
    long start() {
        return start;
    }

    /** The next offset the tail will see. */
    long end() {
        return end;
    }

    /**
     * Events from {@code from} on, up to {@code max}; null when {@code from} is older than the window.
     * The result's {@code next} is the first event left out, or the window's end when none was.
     */
    synchronized ReadResult.Events read(long from, int max) {
        if (from < start) {
            return null;
        }
        int first = firstAtOrAfter(from);
        int count = Math.min(size - first, max);
        List<LogEvent> events =
                switch (count) {
                    case 0 -> List.of();
                    case 1 -> List.of(at(first));
                    default -> Arrays.asList(copy(first, count, count));
                };
        long next = first + count < size ? at(first + count).offset() : Math.max(from, end);
        return new ReadResult.Events(events, next);
    }

    /** The index (0 = oldest) of the first event at or after {@code offset}; {@code size} if none. */
    private int firstAtOrAfter(long offset) {
        // Live subscribers read the newest events, once per event each: without gaps in the offsets
        // (the common case: no transactions, no compaction yet) the event sits this far from the end.
        long fromEnd = end - offset;
        if (fromEnd > 0 && fromEnd <= size) {
            int guess = size - (int) fromEnd;
            if (at(guess).offset() == offset) {
                return guess;
            }
        }
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (at(mid).offset() < offset) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private LogEvent at(int index) {
        int slot = head + index;
        return ring[slot < ring.length ? slot : slot - ring.length];
    }

    /** {@code count} events from index {@code first} (0 = oldest), in order, into a new array of {@code length}. */
    private LogEvent[] copy(int first, int count, int length) {
        LogEvent[] out = new LogEvent[length];
        int from = (head + first) % ring.length;
        int straight = Math.min(count, ring.length - from);
        System.arraycopy(ring, from, out, 0, straight);
        System.arraycopy(ring, 0, out, straight, count - straight);
        return out;
    }

    private void grow() {
        ring = copy(0, size, Math.min(capacity, ring.length * 2));
        head = 0;
    }
}
