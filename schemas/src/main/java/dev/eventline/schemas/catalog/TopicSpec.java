package dev.eventline.schemas.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One topic of the catalog.
 *
 * @param name the Kafka topic name, also the name subscribers use ({@code ?topics=assignments})
 * @param doc what the topic holds, for people
 * @param partitions the partition count the topic is created with
 * @param retention how long Kafka keeps its records; replay and resume reach back this far at most
 * @param partitionKey what the record key is derived from
 * @param addressing whom events reach when they name no audience (the whole tenant, or nobody)
 * @param subscriberRoles the roles that may subscribe (any one of them suffices)
 * @param events the event types written to this topic
 */
public record TopicSpec(
        String name,
        String doc,
        int partitions,
        Duration retention,
        PartitionKey partitionKey,
        Addressing addressing,
        Set<String> subscriberRoles,
        List<EventTypeSpec> events) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,200}");

    /** Validates the entry; a bad catalog must fail at start-up, not at the first event. */
    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("topic name '" + name + "' must match " + NAME.pattern());
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be >= 1");
        }
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("topic " + name + ": retention must be positive");
        }
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(addressing, "addressing");
        subscriberRoles = Set.copyOf(subscriberRoles);
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("topic " + name + ": needs at least one event type");
        }
    }

    /** Whether a subscriber holding {@code roles} may read this topic. */
    public boolean allowsAnyOf(Set<String> roles) {
        return roles.stream().anyMatch(subscriberRoles::contains);
    }
}
