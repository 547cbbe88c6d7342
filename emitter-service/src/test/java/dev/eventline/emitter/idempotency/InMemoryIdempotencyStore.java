package dev.eventline.emitter.idempotency;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link IdempotencyStore} over a list: records are appended and read back at once, in call order,
 * through the same {@link KeyLedger} as the Kafka adapter. Settle records can be dropped, as when an
 * instance dies before it wrote them. Thread-safe (one lock).
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    private final KeyLedger ledger;
    private final Clock clock;
    private final List<String> log = new ArrayList<>();
    private boolean dropSettles;

    /** A ready store keeping keys for a day, with the given clock. */
    public InMemoryIdempotencyStore(Clock clock) {
        this.clock = clock;
        this.ledger = new KeyLedger(86_400_000L);
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public synchronized KeyState state(String scopedKey) {
        return ledger.state(scopedKey, clock.millis());
    }

    @Override
    public synchronized CompletionStage<ClaimDecision> claim(String scopedKey, KeyRecord.Claimed claim) {
        long offset = append(scopedKey, claim);
        KeyState state = ledger.state(scopedKey, clock.millis());
        boolean won = state instanceof KeyState.Pending pending && pending.offset() == offset;
        return CompletableFuture.completedFuture(new ClaimDecision(won, state));
    }

    @Override
    public synchronized void settle(String scopedKey, KeyRecord record) {
        if (!dropSettles) {
            append(scopedKey, record);
        }
    }

    /** From now on done and released records are lost, as when the instance writing them dies. */
    public synchronized void dropSettles(boolean drop) {
        this.dropSettles = drop;
    }

    /** Every record appended, as {@code key kind}, in log order. */
    public synchronized List<String> records() {
        return List.copyOf(log);
    }

    private long append(String key, KeyRecord record) {
        long offset = log.size();
        log.add(key + " " + record.getClass().getSimpleName());
        ledger.apply(key, record, offset, clock.millis());
        return offset;
    }
}
