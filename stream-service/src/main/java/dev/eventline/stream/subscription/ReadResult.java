package dev.eventline.stream.subscription;

import java.util.List;

/** What a read of one partition from an offset found. */
public sealed interface ReadResult {

    /**
     * Events in offset order (possibly none yet), and where the next read starts. {@code next} can
     * pass the last event's offset by more than one: gaps (compaction, transaction markers, records
     * that are not events) are skipped.
     */
    record Events(List<LogEvent> events, long next) implements ReadResult {}

    /**
     * The requested offset is no longer retained: the oldest one still in the log.
     *
     * @param earliest the oldest retained offset; the stream goes on from here after a {@code reset}
     */
    record Expired(long earliest) implements ReadResult {}
}
