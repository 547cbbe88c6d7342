package dev.eventline.emitter.ingest;

/**
 * Why the event log did not take a record, sorted by what the caller should do about it. Adapters
 * translate their client's exceptions into this, so the HTTP layer never sees Kafka types.
 */
public final class EventLogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What the caller should do. */
    public enum Kind {
        /** Passing trouble (broker down, timeout, not enough replicas): retry later; answered 503. */
        RETRY,
        /** This record can never be written (e.g. too large): do not retry it; answered 413/422. */
        REJECT,
        /** The log client is broken or misconfigured (auth, fenced): an operator must act; answered 500. */
        FATAL
    }

    private final Kind kind;

    /** A classified failure with its cause. */
    public EventLogException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** What the caller should do. */
    public Kind kind() {
        return kind;
    }
}
