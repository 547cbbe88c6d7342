package dev.eventline.emitter.ingest;

import dev.eventline.schemas.json.FieldError;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What happened to one event of an emit request, in the use case's terms; only the HTTP layer maps
 * outcomes and refusals to statuses ({@code http.OutcomeProblems}, exhaustively).
 */
public sealed interface EmitOutcome {

    /**
     * The event is durably in the log.
     *
     * @param replayed true when an earlier request with the same idempotency key wrote it
     */
    record Accepted(UUID eventId, String type, Receipt receipt, boolean replayed) implements EmitOutcome {}

    /**
     * The event was not written and never will be as sent.
     *
     * @param refusal why
     * @param detail the why for people
     * @param errors the wrong fields, when the event itself is wrong
     */
    record Rejected(Refusal refusal, String detail, List<FieldError> errors) implements EmitOutcome {

        /** A short machine-readable reason (metrics, problem type). */
        public String reason() {
            return refusal.slug();
        }
    }

    /** Why an event is refused for good. */
    enum Refusal {
        /** It does not match its schema or the envelope's rules. */
        INVALID_EVENT,
        /** The caller may not emit it into that tenant. */
        FORBIDDEN,
        /** Its idempotency key was used for a different event. */
        KEY_REUSED,
        /** It is larger than the log accepts. */
        TOO_LARGE;

        /** The reason as metrics and problem types name it: {@code key-reused}. */
        public String slug() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The event was not written because of passing trouble; the same request may be retried. */
    record Unavailable(String reason, String detail) implements EmitOutcome {}

    /** The event was not written because something is broken on our side (details only in logs). */
    record Failed(String traceId) implements EmitOutcome {}
}
