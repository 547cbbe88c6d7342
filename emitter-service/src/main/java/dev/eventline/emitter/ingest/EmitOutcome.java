package dev.eventline.emitter.ingest;

import dev.eventline.schemas.json.FieldError;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * What happened to one event of an emit request, in the use case's terms; only the HTTP layer maps
 * outcomes and refusals to statuses ({@code http.OutcomeProblems}, exhaustively).
 *
 * <p>Callers take outcomes apart with {@link #match} and {@link NotWritten#match}, which name every
 * kind: a new kind of outcome does not compile until each caller says what it means (Java 17, the
 * build's release, has no pattern-matching switch to check that).
 */
public sealed interface EmitOutcome {

    /** {@code accepted} of an accepted event, {@code notWritten} of any other outcome. */
    <T> T match(Function<Accepted, ? extends T> accepted, Function<NotWritten, ? extends T> notWritten);

    /** Every outcome but {@link Accepted}: the event is not in the log (yet). */
    sealed interface NotWritten extends EmitOutcome permits Rejected, Unavailable, Failed {

        /** The outcome by its kind. */
        <T> T match(
                Function<Rejected, ? extends T> rejected,
                Function<Unavailable, ? extends T> unavailable,
                Function<Failed, ? extends T> failed);

        /** A short machine-readable reason (metrics, problem types). */
        String reason();

        @Override
        default <T> T match(Function<Accepted, ? extends T> accepted, Function<NotWritten, ? extends T> notWritten) {
            return notWritten.apply(this);
        }
    }

    /**
     * The event is durably in the log.
     *
     * @param replayed true when an earlier request with the same idempotency key wrote it
     */
    record Accepted(UUID eventId, String type, Receipt receipt, boolean replayed) implements EmitOutcome {

        @Override
        public <T> T match(Function<Accepted, ? extends T> accepted, Function<NotWritten, ? extends T> notWritten) {
            return accepted.apply(this);
        }
    }

    /**
     * The event was not written and never will be as sent.
     *
     * @param refusal why
     * @param detail the why for people
     * @param errors the wrong fields, when the event itself is wrong
     */
    record Rejected(Refusal refusal, String detail, List<FieldError> errors) implements NotWritten {

        @Override
        public String reason() {
            return refusal.slug();
        }

        @Override
        public <T> T match(
                Function<Rejected, ? extends T> rejected,
                Function<Unavailable, ? extends T> unavailable,
                Function<Failed, ? extends T> failed) {
            return rejected.apply(this);
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
    record Unavailable(String reason, String detail) implements NotWritten {

        @Override
        public <T> T match(
                Function<Rejected, ? extends T> rejected,
                Function<Unavailable, ? extends T> unavailable,
                Function<Failed, ? extends T> failed) {
            return unavailable.apply(this);
        }
    }

    /** The event was not written because something is broken on our side (details only in logs). */
    record Failed(String traceId) implements NotWritten {

        @Override
        public String reason() {
            return "internal";
        }

        @Override
        public <T> T match(
                Function<Rejected, ? extends T> rejected,
                Function<Unavailable, ? extends T> unavailable,
                Function<Failed, ? extends T> failed) {
            return failed.apply(this);
        }
    }
}
