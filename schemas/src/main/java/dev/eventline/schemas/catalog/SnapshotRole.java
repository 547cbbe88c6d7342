package dev.eventline.schemas.catalog;

/**
 * What an event type does to its record's state in a snapshot (the catalog's {@code snapshot} field);
 * {@link RecordFold} applies it.
 *
 * <p>{@link #STATE}: the event is the record's whole current state and replaces what was kept
 * ({@code *.created}, {@code *.updated}, {@code file.progress}). {@link #MARK}: the event says
 * something about the record without restating it ({@code notification.read}); it is kept beside the
 * state it follows, so a snapshot yields the state and then the mark, and a reader folds them as it
 * folds them live. Deletions are neither: {@link EventTypeSpec#isDeletion(String)} decides those.
 */
public enum SnapshotRole {
    /** Replaces the record's kept events. */
    STATE,
    /** Kept beside the record's state: the latest event of each mark type. */
    MARK;

    /** Parses the catalog spelling ({@code state}, {@code mark}). */
    static SnapshotRole parse(String value) {
        return switch (value) {
            case "state" -> STATE;
            case "mark" -> MARK;
            default -> throw new IllegalArgumentException("snapshot must be 'state' or 'mark', was '" + value + "'");
        };
    }
}
