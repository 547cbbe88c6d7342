package dev.eventline.schemas.codec;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What an event's envelope says, as the emitter stamps it.
 *
 * @param eventId the event's id, unique across the platform
 * @param type the catalog event type
 * @param tenantId the tenant the event belongs to
 * @param recordId the record it is about (snapshots keep the latest event per record)
 * @param emittedAt when the producer says it happened, epoch milliseconds
 * @param emittedBy the producer's identity (its token's subject)
 * @param audience {@code user:<id>} and {@code group:<name>} entries; empty for the whole tenant
 * @param actor the user the producer acted for, or null
 */
public record EnvelopeValues(
        UUID eventId,
        String type,
        String tenantId,
        String recordId,
        long emittedAt,
        String emittedBy,
        List<String> audience,
        String actor) {

    /** Requires everything but the actor; the audience is copied. */
    public EnvelopeValues {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(emittedBy, "emittedBy");
        audience = List.copyOf(audience);
    }
}
