package dev.eventline.stream.kafka;

import dev.eventline.stream.subscription.LogEvent;
import dev.eventline.stream.subscription.ReadResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The most recent events of one partition, complete from {@link #start()} to {@link #end()}: every
 * event with an offset in that range is here (offsets between them that hold no event were skipped
 * by the tail). Bounded by a count; the oldest events fall out first.
 *
 * <p>Written by the tail thread, read by subscriber threads: methods are synchronized, and a read
 * copies at most one batch.
 */
final class RecentWindow {

    private final int capacity;
    private final ArrayDeque<LogEvent> events;
    private long start;
    private long end;

    RecentWindow(int capacity, long startOffset) {
        this.capacity = capacity;
        this.events = new ArrayDeque<>(Math.min(capacity, 1024));
        this.start = startOffset;
        this.end = startOffset;
    }

    /** Appends an event (or just moves the end past a skipped offset when {@code event} is null). */
    synchronized void append(LogEvent event, long nextOffset) {
        if (event != null) {
            events.addLast(event);
            if (events.size() > capacity) {
                LogEvent evicted = events.removeFirst();
                start = evicted.offset() + 1;
            }
        }
        end = nextOffset;
        if (events.isEmpty()) {
            start = end;
        }
    }

    /**
     * Forgets events below Kafka's log-start offset: the window never answers for records the log no
     * longer has, so every instance treats an expired cursor the same way (a reset).
     */
    synchronized void trimBelow(long logStart) {
        while (!events.isEmpty() && events.peekFirst().offset() < logStart) {
            events.removeFirst();
        }
        end = Math.max(end, logStart);
        start = events.isEmpty() ? end : Math.max(start, logStart);
    }

    /** The oldest offset this window can answer for. */
    synchronized long start() {
        return start;
    }

    /** The next offset the tail will see. */
    synchronized long end() {
        return end;
    }

    /** Events from {@code from} on, up to {@code max}; null when {@code from} is older than the window. */
    synchronized ReadResult.Events read(long from, int max) {
        if (from < start) {
            return null;
        }
        List<LogEvent> batch = new ArrayList<>(Math.min(max, 64));
        long next = Math.max(from, start);
        Iterator<LogEvent> it = events.descendingIterator();
        // Walk back to the first event >= from: recent reads (live subscribers) touch only the tail.
        ArrayDeque<LogEvent> newer = new ArrayDeque<>();
        while (it.hasNext()) {
            LogEvent event = it.next();
            if (event.offset() < from) {
                break;
            }
            newer.addFirst(event);
        }
        for (LogEvent event : newer) {
            if (batch.size() == max) {
                return new ReadResult.Events(batch, event.offset());
            }
            batch.add(event);
            next = event.offset() + 1;
        }
        return new ReadResult.Events(batch, batch.size() < max ? Math.max(next, end) : next);
    }
}
