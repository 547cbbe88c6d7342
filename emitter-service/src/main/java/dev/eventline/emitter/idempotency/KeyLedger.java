package dev.eventline.emitter.idempotency;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of every idempotency key, from the idempotency log's records applied in log order. The
 * rule that makes keys exact across crashes and instances lives here:
 *
 * <ul>
 *   <li>The first claim of a free key owns it; later claims of a key that is pending or done lose.
 *   <li>A claim that supersedes the pending claim's offset takes the key over (the first such wins);
 *       it is how a retry continues an attempt that died.
 *   <li>Done marks the key's event as written; released frees the key; both only from the owner.
 *   <li>Compaction keeps a key's last record only, so a key read after compaction may start with a
 *       done, or with the copy of the owner's claim a losing claimant wrote again: either is applied
 *       to a free key as found.
 *   <li>A key whose last record is older than the retention is free.
 * </ul>
 *
 * <p>Records come from one thread (the log's reader); {@link #state} may be called from any thread.
 */
public final class KeyLedger {

    private final long retentionMillis;
    private final Map<String, Entry> keys = new ConcurrentHashMap<>();

    private record Entry(KeyState state, long lastWrittenAtMillis) {}

    /** A ledger forgetting keys {@code retentionMillis} after their last record. */
    public KeyLedger(long retentionMillis) {
        this.retentionMillis = retentionMillis;
    }

    /**
     * Applies one record.
     *
     * @param offset the record's position in the log (per key, positions only grow)
     * @param writtenAtMillis the record's timestamp
     * @return the key's state afterwards
     */
    public KeyState apply(String key, KeyRecord record, long offset, long writtenAtMillis) {
        Entry entry = keys.compute(key, (k, current) -> {
            KeyState before = current == null || expired(current, writtenAtMillis) ? KeyState.FREE : current.state();
            KeyState after = next(before, record, offset, writtenAtMillis);
            long last = current == null || after != before ? writtenAtMillis : current.lastWrittenAtMillis();
            return new Entry(after, Math.max(last, writtenAtMillis));
        });
        return entry.state();
    }

    /** The key's state now. */
    public KeyState state(String key, long nowMillis) {
        Entry entry = keys.get(key);
        return entry == null || expired(entry, nowMillis) ? KeyState.FREE : entry.state();
    }

    /** Forgets keys past retention; returns how many are left. */
    public int purge(long nowMillis) {
        keys.values().removeIf(entry -> expired(entry, nowMillis));
        return keys.size();
    }

    private static KeyState next(KeyState state, KeyRecord record, long offset, long writtenAtMillis) {
        if (state instanceof KeyState.Done) {
            return state;
        }
        KeyState.Pending pending = state instanceof KeyState.Pending p ? p : null;
        if (record instanceof KeyRecord.Claimed claim) {
            boolean owns = pending == null || claim.supersedes() == pending.offset();
            return owns ? new KeyState.Pending(claim, offset, writtenAtMillis) : state;
        }
        boolean fromOwner = pending == null || pending.claim().eventId().equals(record.eventId());
        if (record instanceof KeyRecord.Done done) {
            return fromOwner ? new KeyState.Done(done.receipt()) : state;
        }
        return pending != null && fromOwner ? KeyState.FREE : state;
    }

    private boolean expired(Entry entry, long nowMillis) {
        return nowMillis - entry.lastWrittenAtMillis() > retentionMillis;
    }
}
