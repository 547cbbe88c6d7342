package dev.eventline.client;

/**
 * An event the emitter did not write, for good (a problem+json it answered, or attempts exhausted);
 * what completes an emit's future exceptionally.
 */
public final class EmitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String problemType;

    /**
     * @param status the HTTP status of the last answer (0 when no answer came)
     * @param problemType the problem's type URI ({@code urn:eventline:problem:<slug>}), or null
     * @param detail what went wrong
     */
    public EmitException(int status, String problemType, String detail) {
        super(detail);
        this.status = status;
        this.problemType = problemType;
    }

    /** The HTTP status of the last answer; 0 when the emitter never answered. */
    public int status() {
        return status;
    }

    /** The problem type URI, or null when the emitter never answered. */
    public String problemType() {
        return problemType;
    }
}
