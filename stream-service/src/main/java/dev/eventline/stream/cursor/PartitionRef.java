package dev.eventline.stream.cursor;

import java.util.Comparator;

/**
 * One partition of one topic, without Kafka types.
 *
 * @param topic the catalog topic
 * @param partition the partition number, 0-based
 */
public record PartitionRef(String topic, int partition) implements Comparable<PartitionRef> {

    private static final Comparator<PartitionRef> ORDER =
            Comparator.comparing(PartitionRef::topic).thenComparingInt(PartitionRef::partition);

    /** Validates the parts. */
    public PartitionRef {
        if (topic == null || topic.isEmpty() || partition < 0) {
            throw new IllegalArgumentException("bad partition " + topic + "/" + partition);
        }
    }

    @Override
    public int compareTo(PartitionRef other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return topic + "/" + partition;
    }
}
