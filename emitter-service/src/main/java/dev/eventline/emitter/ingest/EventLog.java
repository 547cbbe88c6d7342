package dev.eventline.emitter.ingest;

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
    CompletionStage<Receipt> append(LogRecord record);
}
