package dev.eventline.emitter.idempotency;

import java.util.Objects;
import java.util.UUID;

/**
 * One record of the idempotency log, about one tenant-scoped key. The log's order per key decides
 * which attempt owns a key; {@link KeyLedger} applies the records in that order.
 */
public sealed interface KeyRecord {

    /** The event the record is about. */
    UUID eventId();

    /**
     * An attempt announces that it is about to append the event, before it does.
     *
     * @param eventId the id the event gets; the same for every attempt of the same key and body
     * @param type the event type
     * @param fingerprint digest of the request event, to tell a retry from a reused key
     * @param firstClaimedAtMillis when the first attempt of this chain claimed the key: an event an
     *     earlier attempt appended was appended after this instant
     * @param supersedes the log offset of the abandoned claim this one takes over, or {@link #FIRST}
     */
    record Claimed(UUID eventId, String type, String fingerprint, long firstClaimedAtMillis, long supersedes)
            implements KeyRecord {

        /** {@link #supersedes} of a claim on a free key. */
        public static final long FIRST = -1;

        /** Requires the identifying parts. */
        public Claimed {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }

        /** A claim taking over {@code abandoned}, at log offset {@code offset}, for the same event. */
        public Claimed takeOver(long offset) {
            return new Claimed(eventId, type, fingerprint, firstClaimedAtMillis, offset);
        }
    }

    /**
     * The claiming attempt's event is in the log.
     *
     * @param receipt what the key answers from now on
     */
    record Done(StoredReceipt receipt) implements KeyRecord {

        /** Requires the receipt. */
        public Done {
            Objects.requireNonNull(receipt, "receipt");
        }

        @Override
        public UUID eventId() {
            return receipt.eventId();
        }
    }

    /**
     * The claiming attempt certainly wrote nothing (the event was refused before it reached the log);
     * the key is free again.
     */
    record Released(UUID eventId) implements KeyRecord {}
}
