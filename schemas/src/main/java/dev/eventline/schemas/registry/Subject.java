package dev.eventline.schemas.registry;

import java.util.Objects;
import java.util.Optional;

/**
 * A registry subject under Confluent's {@code TopicRecordNameStrategy}: one record type on one topic,
 * named {@code <topic>-<record full name>}. A record shared by several topics (the deletion record) has
 * a subject per topic, whose versions have the same ids.
 *
 * @param topic the catalog topic
 * @param recordName the Avro record's full name
 */
public record Subject(String topic, String recordName) implements Comparable<Subject> {

    /** Requires both parts. */
    public Subject {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(recordName, "recordName");
    }

    /**
     * The subject a name denotes. Split at the last {@code -}, since Avro names cannot hold one and topic
     * names may; empty when there is none.
     */
    public static Optional<Subject> parse(String name) {
        int dash = name.lastIndexOf('-');
        if (dash <= 0 || dash == name.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new Subject(name.substring(0, dash), name.substring(dash + 1)));
    }

    /** The subject's name. */
    public String name() {
        return topic + "-" + recordName;
    }

    @Override
    public int compareTo(Subject other) {
        return name().compareTo(other.name());
    }

    @Override
    public String toString() {
        return name();
    }
}
