package dev.eventline.stream.snapshot;

/** A snapshot cannot be taken now (store starting or behind, log unreachable): retry shortly. */
public final class SnapshotUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With the reason a client may read. */
    public SnapshotUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
