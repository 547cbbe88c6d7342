package dev.eventline.emitter.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.eventline.emitter.ingest.Receipt;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyLedgerTest {

    private static final UUID EVENT = UUID.randomUUID();
    private final KeyLedger ledger = new KeyLedger(1_000);

    @Test
    void theFirstClaimOfAFreeKeyOwnsItAndLaterClaimsLose() {
        ledger.apply("k", claim("a", KeyRecord.Claimed.FIRST), 3, 0);
        ledger.apply("k", claim("b", KeyRecord.Claimed.FIRST), 4, 0);
        KeyState.Pending pending = assertInstanceOf(KeyState.Pending.class, ledger.state("k", 0));
        assertEquals(3, pending.offset());
        assertEquals("a", pending.claim().fingerprint());
    }

    @Test
    void aTakeoverOwnsTheKeyOnlyWhenItSupersedesThePendingClaim() {
        ledger.apply("k", claim("a", KeyRecord.Claimed.FIRST), 3, 0);
        ledger.apply("k", claim("a", 2), 4, 0);
        assertEquals(3, ((KeyState.Pending) ledger.state("k", 0)).offset());
        ledger.apply("k", claim("a", 3), 5, 0);
        ledger.apply("k", claim("a", 3), 6, 0);
        assertEquals(5, ((KeyState.Pending) ledger.state("k", 0)).offset(), "the first takeover wins");
    }

    @Test
    void doneFromTheOwnerEndsTheKeyAndNothingChangesItAfterwards() {
        ledger.apply("k", claim("a", KeyRecord.Claimed.FIRST), 3, 0);
        ledger.apply("k", done(UUID.randomUUID()), 4, 0);
        assertInstanceOf(KeyState.Pending.class, ledger.state("k", 0), "done of another event is ignored");
        ledger.apply("k", done(EVENT), 5, 0);
        ledger.apply("k", new KeyRecord.Released(EVENT), 6, 0);
        ledger.apply("k", claim("a", 3), 7, 0);
        assertInstanceOf(KeyState.Done.class, ledger.state("k", 0));
    }

    @Test
    void releasedFreesThePendingKey() {
        ledger.apply("k", claim("a", KeyRecord.Claimed.FIRST), 3, 0);
        ledger.apply("k", new KeyRecord.Released(EVENT), 4, 0);
        assertInstanceOf(KeyState.Free.class, ledger.state("k", 0));
        ledger.apply("k", claim("b", KeyRecord.Claimed.FIRST), 5, 0);
        assertEquals("b", ((KeyState.Pending) ledger.state("k", 0)).claim().fingerprint());
    }

    @Test
    void aKeyReadAfterCompactionStartsFromItsLastRecord() {
        ledger.apply("done", done(EVENT), 9, 0);
        assertInstanceOf(KeyState.Done.class, ledger.state("done", 0));
        ledger.apply("copy", claim("a", 4), 9, 0);
        assertInstanceOf(KeyState.Pending.class, ledger.state("copy", 0));
    }

    @Test
    void keysArePastRetentionAfterTheirLastRecord() {
        ledger.apply("k", claim("a", KeyRecord.Claimed.FIRST), 3, 0);
        assertInstanceOf(KeyState.Pending.class, ledger.state("k", 1_000));
        assertInstanceOf(KeyState.Free.class, ledger.state("k", 1_001));
        assertEquals(0, ledger.purge(1_001));
    }

    private static KeyRecord.Claimed claim(String fingerprint, long supersedes) {
        return new KeyRecord.Claimed(EVENT, "assignment.created", fingerprint, 0, supersedes);
    }

    private static KeyRecord.Done done(UUID eventId) {
        return new KeyRecord.Done(
                new StoredReceipt(eventId, "assignment.created", new Receipt("assignments", 0, 1, Instant.EPOCH), "a"));
    }
}
