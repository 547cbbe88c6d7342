package dev.eventline.stream.cursor;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;

/**
 * The positions of a {@link StreamCursor}: an immutable map from partition to next offset, sorted by
 * topic then partition, kept as two arrays. A stream moves its cursor for every event it delivers,
 * for every subscriber, so moving one partition must cost an array copy, not a tree copy.
 *
 * <p>Immutable and thread-safe; equal to any map with the same entries.
 */
final class Positions extends AbstractMap<PartitionRef, Long> {

    private final PartitionRef[] partitions;
    private final long[] next;

    private Positions(PartitionRef[] partitions, long[] next) {
        this.partitions = partitions;
        this.next = next;
    }

    /** {@code positions} as a {@code Positions}: itself if it is one, else a sorted, checked copy. */
    static Positions of(Map<PartitionRef, Long> positions) {
        if (positions instanceof Positions already) {
            return already;
        }
        TreeMap<PartitionRef, Long> sorted = new TreeMap<>(positions);
        PartitionRef[] partitions = sorted.keySet().toArray(new PartitionRef[0]);
        long[] next = new long[partitions.length];
        int i = 0;
        for (Long offset : sorted.values()) {
            next[i++] = checked(offset);
        }
        return new Positions(partitions, next);
    }

    /** These positions with {@code partition} at {@code nextOffset}. */
    Positions with(PartitionRef partition, long nextOffset) {
        int at = indexOf(partition);
        if (at < 0) {
            TreeMap<PartitionRef, Long> grown = new TreeMap<>(this);
            grown.put(partition, nextOffset);
            return of(grown);
        }
        long[] moved = next.clone();
        moved[at] = checked(nextOffset);
        return new Positions(partitions, moved);
    }

    /** How many partitions. */
    int count() {
        return partitions.length;
    }

    /** The {@code index}-th partition in order. */
    PartitionRef partition(int index) {
        return partitions[index];
    }

    /** The next offset of the {@code index}-th partition. */
    long offset(int index) {
        return next[index];
    }

    /** The next offset of {@code partition}, unboxed: read for every subscriber at every event. */
    long next(PartitionRef partition) {
        int at = indexOf(partition);
        if (at < 0) {
            throw new IllegalArgumentException("the cursor does not cover " + partition);
        }
        return next[at];
    }

    @Override
    public Long get(Object partition) {
        int at = indexOf(partition);
        return at < 0 ? null : next[at];
    }

    @Override
    public boolean containsKey(Object partition) {
        return indexOf(partition) >= 0;
    }

    @Override
    public int size() {
        return partitions.length;
    }

    @Override
    public Set<Entry<PartitionRef, Long>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<PartitionRef, Long>> iterator() {
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < partitions.length;
                    }

                    @Override
                    public Entry<PartitionRef, Long> next() {
                        if (i >= partitions.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<PartitionRef, Long> entry = new SimpleImmutableEntry<>(partitions[i], next[i]);
                        i++;
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                return partitions.length;
            }
        };
    }

    private int indexOf(Object partition) {
        // A handful of partitions per subscription: a scan beats hashing.
        for (int i = 0; i < partitions.length; i++) {
            if (partitions[i].equals(partition)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object other) {
        // Cursors are compared for every delivery (CursorCodec's memo): arrays, not entry sets.
        if (other instanceof Positions that) {
            return (partitions == that.partitions || Arrays.equals(partitions, that.partitions))
                    && Arrays.equals(next, that.next);
        }
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        // AbstractMap's: equal to that of any map with the same entries, as Map requires.
        return super.hashCode();
    }

    private static long checked(Long offset) {
        if (offset == null) {
            throw new IllegalArgumentException("offsets are never null");
        }
        return checked(offset.longValue());
    }

    private static long checked(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offsets are never negative");
        }
        return offset;
    }
}
