package dev.eventline.stream.subscription;

import dev.eventline.stream.cursor.CursorCodec;
import dev.eventline.stream.cursor.PartitionRef;
import dev.eventline.stream.cursor.StreamCursor;
import java.util.List;

/**
 * Applies one read of a partition to a cursor: the rule both the live stream and the JSON replay
 * follow, so they cannot disagree on what a cursor means.
 *
 * <ul>
 *   <li>An expired position becomes a {@code reset} frame and the cursor moves to the earliest offset.
 *   <li>Events below the cursor are skipped (a read may start earlier than asked).
 *   <li>An event the filter refuses moves the cursor silently; an allowed one is sent with the cursor
 *       after it as id. When the target is full the rest is left for the next read.
 *   <li>Gaps after the last event (compaction, markers) move the cursor to {@code next}.
 * </ul>
 *
 * <p>Stateless; called by one thread per subscription at a time.
 */
final class ReadApplier {

    /** Where applied frames go. */
    interface Target {

        /** True when no further event frame can be taken now. */
        boolean full();

        /** Takes an event frame for {@code event}. */
        void event(SseFrame frame, LogEvent event);

        /** Takes a {@code reset} frame. */
        void reset(SseFrame frame);

        /**
         * Holds {@code partition} for {@code nanos}: a conflated record of it was sent less than its
         * window ago, and the read stopped at its next event. Only with conflation.
         */
        default void hold(PartitionRef partition, long nanos) {}

        /** An event was passed over for a later one of its record in the same read. Only with conflation. */
        default void conflated() {}
    }

    private ReadApplier() {}

    /** Returns the cursor after applying {@code result} for {@code partition}; every event delivered. */
    static StreamCursor apply(
            StreamCursor cursor, PartitionRef partition, ReadResult result, EventFilter filter, Target target) {
        return apply(cursor, partition, result, filter, Conflation.none(), target);
    }

    /** The same, conflating as {@code conflation} says (see there for the rule). */
    static StreamCursor apply(
            StreamCursor cursor,
            PartitionRef partition,
            ReadResult result,
            EventFilter filter,
            Conflation conflation,
            Target target) {
        if (result instanceof ReadResult.Expired expired) {
            long requested = cursor.next(partition);
            StreamCursor moved = cursor.with(partition, expired.earliest());
            target.reset(SseFrame.event(
                    "reset",
                    CursorCodec.encode(moved),
                    "{\"partition\":\"" + partition + "\",\"requestedOffset\":" + requested + ",\"earliestOffset\":"
                            + expired.earliest() + "}"));
            return moved;
        }
        ReadResult.Events events = (ReadResult.Events) result;
        List<LogEvent> list = events.events();
        Conflation.Read conflating = conflation.begin(list, filter);
        StreamCursor current = cursor;
        for (int i = 0; i < list.size(); i++) {
            LogEvent event = list.get(i);
            if (event.offset() < current.next(partition)) {
                continue;
            }
            boolean allowed = filter.allows(event);
            long verdict = allowed ? conflating.verdict(event, i) : Conflation.SEND;
            if (verdict == Conflation.PASS_OVER) {
                // A later event of the record follows in this read: it is sent instead.
                current = current.advance(partition, event.offset());
                target.conflated();
                continue;
            }
            if (verdict > 0) {
                target.hold(partition, verdict);
                return current;
            }
            if (allowed && target.full()) {
                return current;
            }
            current = current.advance(partition, event.offset());
            if (allowed) {
                target.event(SseFrame.event(event.type(), CursorCodec.encode(current), event.json()), event);
                conflating.sent(event);
            }
        }
        return events.next() > current.next(partition) ? current.with(partition, events.next()) : current;
    }

    /** True when a read of {@code partition} below its live end returned nothing and moved nothing. */
    static boolean stalled(StreamCursor cursor, PartitionRef partition, ReadResult result) {
        return result instanceof ReadResult.Events events
                && events.events().isEmpty()
                && events.next() <= cursor.next(partition);
    }
}
