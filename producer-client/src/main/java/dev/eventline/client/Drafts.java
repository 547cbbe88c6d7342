package dev.eventline.client;

import dev.eventline.schemas.common.Envelope;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Envelopes for events a producer builds with the generated classes. The emitter sets the tenant
 * (from the token) and the emitter fields itself, so a draft leaves them empty; it gives the event a
 * fresh id, which is what makes every retry of it idempotent.
 *
 * <pre>{@code
 * AssignmentChanged event = AssignmentChanged.newBuilder()
 *         .setEnvelope(Drafts.envelope("assignment.created", "a-1"))
 *         .setTitle("Fractions").setClassId("7b").setDueAt(null).setStatus(AssignmentStatus.PUBLISHED)
 *         .build();
 * }</pre>
 */
public final class Drafts {

    private Drafts() {}

    /** An envelope for an event of {@code type} about {@code recordId}, addressed as its topic does. */
    public static Envelope envelope(String type, String recordId) {
        return envelope(type, recordId, List.of());
    }

    /** The same, addressed to {@code audience} ({@code user:<id>}, {@code group:<name>}). */
    public static Envelope envelope(String type, String recordId, List<String> audience) {
        return Envelope.newBuilder()
                .setEventId(UUID.randomUUID())
                .setType(type)
                .setTenantId("")
                .setRecordId(recordId)
                .setEmittedAt(Instant.now())
                .setEmittedBy("")
                .setAudience(List.copyOf(audience))
                .setActor(null)
                .build();
    }
}
