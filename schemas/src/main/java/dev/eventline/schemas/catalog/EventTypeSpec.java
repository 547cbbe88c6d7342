package dev.eventline.schemas.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One event type of the catalog: its dotted name, the Avro schema (full name) of its payload, and an
 * example of it as producers emit it.
 *
 * @param type the event type, lower case, dotted: {@code domain.action} (e.g. {@code file.progress})
 * @param schema the full name of the payload's Avro record
 * @param example an event of this type as a producer's emit request carries it, without its {@code
 *     type}: {@code recordId}, {@code payload} and, on topics addressed by audience, {@code audience};
 *     documentation for producers and the input of the schemas' round-trip test
 * @param snapshot what the event does to its record's state in a snapshot ({@link RecordFold})
 * @param conflation for high-frequency state types (progress): a stream delivers at most one event
 *     of a record per this window, always the latest; {@link Duration#ZERO}: every event
 */
public record EventTypeSpec(String type, String schema, JsonNode example, SnapshotRole snapshot, Duration conflation) {

    /** The longest conflation window: beyond it a "live" progress bar would no longer look live. */
    public static final Duration MAX_CONFLATION = Duration.ofSeconds(10);

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)+");

    /** Validates the spelling; an event type ends up in SSE {@code event:} lines and Kafka headers. */
    public EventTypeSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(conflation, "conflation");
        if (conflation.isNegative() || conflation.compareTo(MAX_CONFLATION) > 0) {
            throw new IllegalArgumentException(type + ": conflation must be within 0 and " + MAX_CONFLATION);
        }
        if (!conflation.isZero() && (snapshot == SnapshotRole.MARK || isDeletion(type))) {
            // Dropping a deletion or a mark would lose what the later event does not restate.
            throw new IllegalArgumentException(type + ": only state events can be conflated");
        }
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("event type '" + type + "' must match " + TYPE.pattern());
        }
        if (snapshot == SnapshotRole.MARK && isDeletion(type)) {
            throw new IllegalArgumentException(type + " deletes its record; it cannot be a snapshot mark");
        }
        if (!example.path("payload").isObject() || !example.path("recordId").isTextual()) {
            throw new IllegalArgumentException("the example of " + type + " needs a recordId and a payload object");
        }
    }

    /** Whether this is a deletion: the record stops existing (a tombstone in snapshots). */
    public boolean isDeletion() {
        return isDeletion(type);
    }

    /**
     * Whether events of {@code type} delete their record: the one home of the deletion rule, for
     * readers that hold an event's type rather than its catalog entry (snapshot stores, replays).
     */
    public static boolean isDeletion(String type) {
        return type.endsWith(".deleted");
    }
}
