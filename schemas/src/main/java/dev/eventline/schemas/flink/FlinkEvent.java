package dev.eventline.schemas.flink;

import java.util.Objects;

/**
 * One event as a Flink POJO (public fields, a no-argument constructor), so Flink serializes it with
 * its own POJO serializer between operators: the envelope's fields, the topic, and the payload as the
 * JSON readers of the stream get (enums as symbols, timestamps in RFC 3339).
 *
 * <p>Mutable, as Flink POJOs are; not thread-safe.
 */
public class FlinkEvent {

    /** The event id (UUID). */
    public String eventId;

    /** The catalog event type, e.g. {@code file.progress}. */
    public String type;

    /** The catalog topic of the type. */
    public String topic;

    /** The tenant the event belongs to. */
    public String tenantId;

    /** The record the event is about. */
    public String recordId;

    /** When it happened, epoch milliseconds. */
    public long emittedAt;

    /** The producer that emitted it. */
    public String emittedBy;

    /** The version of its schema it was written with. */
    public int schemaVersion;

    /** The payload's fields as a JSON object. */
    public String payloadJson;

    /** For Flink's POJO serializer. */
    public FlinkEvent() {}

    @Override
    public boolean equals(Object other) {
        return other instanceof FlinkEvent that
                && emittedAt == that.emittedAt
                && schemaVersion == that.schemaVersion
                && Objects.equals(eventId, that.eventId)
                && Objects.equals(type, that.type)
                && Objects.equals(topic, that.topic)
                && Objects.equals(tenantId, that.tenantId)
                && Objects.equals(recordId, that.recordId)
                && Objects.equals(emittedBy, that.emittedBy)
                && Objects.equals(payloadJson, that.payloadJson);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, type, recordId);
    }

    @Override
    public String toString() {
        return type + " " + recordId + " " + payloadJson;
    }
}
