package dev.eventline.schemas.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The topic catalog: every topic and every event type of the platform, read from {@code topics.json}
 * beside this class (or another catalog file with the same shape).
 *
 * <p>Immutable and thread-safe once loaded. Loading validates the whole catalog: unique topic names,
 * each event type on exactly one topic, well-formed names, positive partitions and retention.
 */
public final class TopicCatalog {

    /** The catalog shipped with this jar. */
    public static final String DEFAULT_RESOURCE = "topics.json";

    private final Map<String, TopicSpec> topics;
    private final Map<String, TopicSpec> topicByEventType;
    private final Map<String, EventTypeSpec> eventTypes;
    private final List<String> order;

    private TopicCatalog(List<TopicSpec> specs) {
        Map<String, TopicSpec> byName = new LinkedHashMap<>();
        Map<String, TopicSpec> byType = new LinkedHashMap<>();
        Map<String, EventTypeSpec> types = new LinkedHashMap<>();
        for (TopicSpec spec : specs) {
            if (byName.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalArgumentException("topic " + spec.name() + " is in the catalog twice");
            }
            for (EventTypeSpec event : spec.events()) {
                TopicSpec other = byType.putIfAbsent(event.type(), spec);
                if (other != null) {
                    throw new IllegalArgumentException("event type " + event.type() + " is on topics " + other.name()
                            + " and " + spec.name() + "; it must be on one");
                }
                types.put(event.type(), event);
            }
        }
        this.topics = Map.copyOf(byName);
        this.topicByEventType = Map.copyOf(byType);
        this.eventTypes = Collections.unmodifiableMap(types);
        this.order = List.copyOf(byName.keySet());
    }

    /** Loads the catalog shipped with the schemas jar. */
    public static TopicCatalog load() {
        try (InputStream in = TopicCatalog.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the schemas jar");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the topic catalog", e);
        }
    }

    /** Parses a catalog document; throws {@link IllegalArgumentException} naming what is wrong. */
    public static TopicCatalog parse(InputStream json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        List<TopicSpec> specs = new ArrayList<>();
        for (JsonNode topic : required(root, "topics", "catalog")) {
            String name = required(topic, "name", "topic").asText();
            List<EventTypeSpec> events = new ArrayList<>();
            for (JsonNode event : required(topic, "events", name)) {
                events.add(new EventTypeSpec(
                        required(event, "type", name).asText(),
                        required(event, "schema", name).asText(),
                        required(event, "example", name),
                        SnapshotRole.parse(event.path("snapshot").asText("state")),
                        conflation(event, name)));
            }
            Set<String> roles = new LinkedHashSet<>();
            required(topic, "subscriberRoles", name).forEach(role -> roles.add(role.asText()));
            specs.add(new TopicSpec(
                    name,
                    topic.path("doc").asText(""),
                    required(topic, "partitions", name).asInt(),
                    Duration.parse(required(topic, "retention", name).asText()),
                    PartitionKey.parse(topic.path("partitionKey").asText("tenant")),
                    Addressing.parse(topic.path("addressing").asText("tenant")),
                    roles,
                    events));
        }
        return new TopicCatalog(specs);
    }

    /** All topics, in catalog order. */
    public List<TopicSpec> topics() {
        return order.stream().map(topics::get).toList();
    }

    /** The topic of this name, if the catalog has it. */
    public Optional<TopicSpec> topic(String name) {
        return Optional.ofNullable(topics.get(name));
    }

    /** The topic an event type is written to, if the type is known. */
    public Optional<TopicSpec> topicOf(String eventType) {
        return Optional.ofNullable(topicByEventType.get(eventType));
    }

    /** The event type of this name, if the catalog has it. */
    public Optional<EventTypeSpec> eventType(String type) {
        return Optional.ofNullable(eventTypes.get(type));
    }

    /** Every event type of every topic. */
    public Collection<EventTypeSpec> eventTypes() {
        return eventTypes.values();
    }

    private static Duration conflation(JsonNode event, String topic) {
        if (!event.hasNonNull("conflate")) {
            return Duration.ZERO;
        }
        try {
            return Duration.parse(event.get("conflate").asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("catalog: 'conflate' of an event type of " + topic
                    + " must be an ISO-8601 duration such as PT0.25S, was '"
                    + event.get("conflate").asText() + "'");
        }
    }

    /** Every event type whose streams conflate, with its window. */
    public Map<String, Duration> conflationWindows() {
        Map<String, Duration> windows = new LinkedHashMap<>();
        eventTypes.values().stream()
                .filter(type -> !type.conflation().isZero())
                .forEach(type -> windows.put(type.type(), type.conflation()));
        return Collections.unmodifiableMap(windows);
    }

    private static JsonNode required(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("catalog: '" + field + "' is missing in " + where);
        }
        return value;
    }
}
