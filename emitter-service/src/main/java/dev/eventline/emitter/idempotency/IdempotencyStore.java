package dev.eventline.emitter.idempotency;

import java.util.concurrent.CompletionStage;

/**
 * The idempotency log: per tenant-scoped key, the {@link KeyRecord}s of every attempt, read back in
 * log order into a {@link KeyLedger}. The use case claims a key before it appends the event, so a
 * key's state always tells whether its event may already be in the event log.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #state} never blocks: it answers from the records this instance has read, and from the
 *       done records it settled itself (at once, before they are read back).
 *   <li>{@link #claim} appends a claim and completes once this instance has read the log up to that
 *       claim, so that an earlier claim from any instance has been seen: exactly one claimant of a
 *       free key is told it won. It completes exceptionally when the claim could not be written or
 *       read back in time; the key is then pending or free, never done.
 *   <li>{@link #settle} appends a done or released record; it returns at once and never runs on the
 *       caller's thread or on the log client's I/O thread. A record that cannot be written leaves the
 *       key pending, which a later retry resolves by looking for the event (never by writing twice).
 *   <li>Until {@link #ready()} the state of keys written before this instance started is unknown;
 *       callers must not accept keyed emits before.
 * </ul>
 *
 * Thread-safe.
 */
public interface IdempotencyStore {

    /** Whether every key written before this instance started has been read. */
    boolean ready();

    /** The key's state as far as this instance has read the log. */
    KeyState state(String scopedKey);

    /** Appends a claim and tells, once the log's order decided it, whether it owns the key. */
    CompletionStage<ClaimDecision> claim(String scopedKey, KeyRecord.Claimed claim);

    /** Appends the owner's {@link KeyRecord.Done} or {@link KeyRecord.Released}, in the background. */
    void settle(String scopedKey, KeyRecord record);

    /**
     * What the log decided about a claim.
     *
     * @param won whether the claim owns the key
     * @param state the key's state once the claim was read (the winner's, when it lost)
     */
    record ClaimDecision(boolean won, KeyState state) {}
}
