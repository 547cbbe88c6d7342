package dev.eventline.stream.subscription;

/** The log did not answer a read in time, or failed it. Callers answer 503 or retry later. */
public final class LogUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With what failed and why. */
    public LogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
