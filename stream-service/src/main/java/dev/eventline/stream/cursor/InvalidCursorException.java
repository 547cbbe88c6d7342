package dev.eventline.stream.cursor;

/** A cursor the stream cannot start from: malformed, forged, or ahead of the log. Answered 400. */
public final class InvalidCursorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With what is wrong, safe to show to the client (it is their own input). */
    public InvalidCursorException(String message) {
        super(message, null, false, false);
    }
}
