package dev.eventline.schemas.codec;

/**
 * A Kafka value that is not an event this platform can read: not single-object encoded, written with
 * a schema no released version has, or a corrupt body. Never retried: the bytes will not change.
 */
public final class UndecodableEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With the reason, for logs. */
    public UndecodableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
