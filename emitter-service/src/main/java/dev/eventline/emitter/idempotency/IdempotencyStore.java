package dev.eventline.emitter.idempotency;

import java.util.Optional;

/**
 * Remembers, per tenant-scoped key, the receipt of the event a key wrote, for a retention period.
 *
 * <p>Contract: {@link #find} never blocks on I/O (keys are held in memory); {@link #remember} makes the
 * key visible to {@link #find} at once in this instance and durable (and visible to other instances)
 * shortly after. A store that is still loading its keys says so with {@link #ready()}; callers must
 * not accept keyed emits before, or a retry could slip through. Thread-safe.
 */
public interface IdempotencyStore {

    /** Whether every key written before this instance started has been loaded. */
    boolean ready();

    /** The receipt remembered for a key, if any. */
    Optional<StoredReceipt> find(String scopedKey);

    /** Remembers a key's receipt. */
    void remember(String scopedKey, StoredReceipt receipt);
}
