package dev.eventline.emitter.idempotency;

/** What an idempotency key stands for, as the log's records so far decide it. */
public sealed interface KeyState {

    /** No attempt holds the key (never used, released, or past retention). */
    record Free() implements KeyState {}

    /**
     * An attempt claimed the key and has not said that its event is in the log: it is still writing,
     * or it died at any point after its claim.
     *
     * @param claim the owning claim
     * @param offset the owning claim's position in the idempotency log (what a takeover supersedes)
     * @param claimedAtMillis when the owning claim was written
     */
    record Pending(KeyRecord.Claimed claim, long offset, long claimedAtMillis) implements KeyState {}

    /** The key's event is in the log. */
    record Done(StoredReceipt receipt) implements KeyState {}

    /** The one free state. */
    KeyState FREE = new Free();
}
