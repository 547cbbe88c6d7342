package dev.eventline.stream.http;

import dev.eventline.problem.ProblemException;
import dev.eventline.schemas.envelope.EnvelopeRules;
import dev.eventline.stream.cursor.CursorCodec;
import dev.eventline.stream.cursor.InvalidCursorException;
import dev.eventline.stream.cursor.PartitionRef;
import dev.eventline.stream.cursor.StreamCursor;
import dev.eventline.stream.subscription.StreamLog;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Where a new stream starts, from (in this order) the client's last event id, {@code since}, or the
 * live end; see {@link CursorCodec} for the cursor rules. Blocking (asks the log for offsets).
 */
final class StartPosition {

    // Epoch milliseconds of year 9999 have 15 digits; more cannot be in range (and could overflow).
    private static final int MAX_MILLIS_DIGITS = 15;

    private StartPosition() {}

    static StreamCursor resolve(StreamLog log, List<PartitionRef> partitions, String lastEventId, String since) {
        Map<PartitionRef, Long> start = new TreeMap<>();
        if (lastEventId != null && !lastEventId.isBlank()) {
            if (CursorCodec.EARLIEST.equals(lastEventId)) {
                partitions.forEach(p -> start.put(p, log.earliest(p)));
                return new StreamCursor(start);
            }
            StreamCursor cursor;
            try {
                cursor = CursorCodec.decode(lastEventId);
                CursorCodec.checkCovers(cursor, partitions);
            } catch (InvalidCursorException e) {
                throw ProblemException.of(400, "invalid-cursor", "Invalid cursor", e.getMessage());
            }
            for (PartitionRef partition : partitions) {
                Long next = cursor.positions().get(partition);
                long end = log.liveEnd(partition);
                if (next != null && next > end) {
                    throw ProblemException.of(
                            400,
                            "invalid-cursor",
                            "Invalid cursor",
                            "the cursor is ahead of the log in " + partition + " (" + next + " > " + end + ")");
                }
                if (next != null) {
                    // Refreshes the log's view of retention: an expired position then reads as expired.
                    log.earliest(partition);
                }
                start.put(partition, next != null ? next : end);
            }
            return new StreamCursor(start);
        }
        if (since != null && !since.isBlank()) {
            long millis = parseSince(since);
            partitions.forEach(p -> start.put(p, log.offsetAt(p, millis)));
            return new StreamCursor(start);
        }
        partitions.forEach(p -> start.put(p, log.liveEnd(p)));
        return new StreamCursor(start);
    }

    private static long parseSince(String since) {
        OptionalLong millis;
        if (since.length() <= MAX_MILLIS_DIGITS && since.chars().allMatch(c -> c >= '0' && c <= '9')) {
            long value = Long.parseLong(since);
            millis = EnvelopeRules.isMillisInRange(value) ? OptionalLong.of(value) : OptionalLong.empty();
        } else {
            millis = EnvelopeRules.isoMillis(since);
        }
        if (millis.isEmpty()) {
            throw ProblemException.of(
                    400, "invalid-since", "Invalid since", "since must be " + EnvelopeRules.instantForm());
        }
        return millis.getAsLong();
    }
}
