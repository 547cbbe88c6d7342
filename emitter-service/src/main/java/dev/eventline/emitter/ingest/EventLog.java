package dev.eventline.emitter.ingest;

import dev.eventline.schemas.codec.EventRecord;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * The durable event log the emitter appends to (Kafka in production, see {@code KafkaEventLog}).
 *
 * <p>Contract: the returned stage completes with a {@link Receipt} only once the log has durably
 * acknowledged the record (acks=all), and exceptionally otherwise; it never completes successfully for
 * a record that may be lost. Appends of the same key are written in call order. Never blocks the
 * caller for I/O; may block briefly when the log's send buffer is full (bounded by configuration).
 * Thread-safe.
 */
public interface EventLog {

    /** Appends one record; see the interface contract. */
    CompletionStage<Receipt> append(EventRecord record);

    /**
     * Looks for the record with {@code eventId} that an earlier attempt may have appended for the same
     * topic and key as {@code record}, at or after {@code since}: reads that key's partition from the
     * first record stamped at {@code since} up to the log's end at the time of the call. Completes
     * empty when there is none, exceptionally when the log could not be read. Blocking reads happen
     * off the caller's thread. Used only to resolve attempts that died, never on the hot path.
     */
    CompletionStage<Optional<Receipt>> find(EventRecord record, UUID eventId, Instant since);
}
