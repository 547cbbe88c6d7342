package dev.eventline.emitter.ingest;

import dev.eventline.emitter.validation.FieldError;
import java.util.List;
import java.util.UUID;

/** What happened to one event of an emit request; the HTTP layer maps each to a status. */
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
     * @param status the HTTP status that fits: 400 invalid, 403 forbidden tenant, 409 reused key, 413/422
     * @param reason a short machine-readable reason (metrics, problem type)
     */
    record Rejected(int status, String reason, String detail, List<FieldError> errors) implements EmitOutcome {}

    /** The event was not written because of passing trouble; the same request may be retried. */
    record Unavailable(String reason, String detail) implements EmitOutcome {}

    /** The event was not written because something is broken on our side (details only in logs). */
    record Failed(String traceId) implements EmitOutcome {}
}
