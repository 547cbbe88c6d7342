package dev.eventline.stream.subscription;

import dev.eventline.stream.cursor.PartitionRef;

/**
 * The part of the {@link StreamLog} that announces new records: all that {@link WakeGroups} needs.
 *
 * <p>Contract: callbacks run on the log's own thread and must only schedule work. Thread-safe.
 */
public interface AppendWatch {

    /** Calls {@code onAppend} whenever new records of {@code partition} arrive, until unwatched. */
    void watch(PartitionRef partition, Runnable onAppend);

    /** Stops calling {@code onAppend}. */
    void unwatch(PartitionRef partition, Runnable onAppend);
}
