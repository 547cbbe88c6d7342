package dev.eventline.stream.cursor;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where a subscription stands: for every partition it reads, the offset of the next record to
 * deliver (so after delivering offset 41 the cursor says 42). Immutable; {@link #advance} returns a
 * new cursor. Every SSE event's id is the cursor right after that event.
 *
 * @param positions next offset per partition, sorted by topic then partition
 */
public record StreamCursor(Map<PartitionRef, Long> positions) {

    /** Copies and sorts the positions; offsets must be non-negative. */
    public StreamCursor {
        TreeMap<PartitionRef, Long> sorted = new TreeMap<>(positions);
        sorted.values().forEach(offset -> {
            if (offset < 0) {
                throw new IllegalArgumentException("offsets are never negative");
            }
        });
        positions = Collections.unmodifiableMap(sorted);
    }

    /** The next offset to deliver in {@code partition}, or null when the cursor does not cover it. */
    public Long next(PartitionRef partition) {
        return positions.get(partition);
    }

    /** The partitions this cursor covers. */
    public Set<PartitionRef> partitions() {
        return positions.keySet();
    }

    /** The cursor after delivering {@code offset} of {@code partition}. */
    public StreamCursor advance(PartitionRef partition, long offset) {
        TreeMap<PartitionRef, Long> next = new TreeMap<>(positions);
        next.put(partition, offset + 1);
        return new StreamCursor(next);
    }

    /** The cursor with {@code partition} moved to {@code nextOffset}. */
    public StreamCursor with(PartitionRef partition, long nextOffset) {
        TreeMap<PartitionRef, Long> next = new TreeMap<>(positions);
        next.put(partition, nextOffset);
        return new StreamCursor(next);
    }
}
