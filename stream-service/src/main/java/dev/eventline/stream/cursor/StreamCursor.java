package dev.eventline.stream.cursor;

import java.util.Map;
import java.util.Set;

/**
 * Where a subscription stands: for every partition it reads, the offset of the next record to
 * deliver (so after delivering offset 41 the cursor says 42). Immutable; {@link #advance} returns a
 * new cursor. Every SSE event's id is the cursor right after that event.
 *
 * @param positions next offset per partition, sorted by topic then partition (unmodifiable)
 */
public record StreamCursor(Map<PartitionRef, Long> positions) {

    /** Copies and sorts the positions; offsets must be non-negative. */
    public StreamCursor {
        positions = Positions.of(positions);
    }

    /**
     * The next offset to deliver in {@code partition}.
     *
     * @throws IllegalArgumentException when the cursor does not cover it (see {@link #partitions()})
     */
    public long next(PartitionRef partition) {
        return ((Positions) positions).next(partition);
    }

    /** The partitions this cursor covers. */
    public Set<PartitionRef> partitions() {
        return positions.keySet();
    }

    /** The cursor after delivering {@code offset} of {@code partition}. */
    public StreamCursor advance(PartitionRef partition, long offset) {
        return with(partition, offset + 1);
    }

    /** The cursor with {@code partition} moved to {@code nextOffset}. */
    public StreamCursor with(PartitionRef partition, long nextOffset) {
        return new StreamCursor(((Positions) positions).with(partition, nextOffset));
    }
}
