package dev.eventline.emitter.ingest;

import dev.eventline.emitter.auth.ProducerIdentity;
import dev.eventline.emitter.metrics.EmitMetrics;
import dev.eventline.emitter.validation.ValidatedEvent;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.catalog.PartitionKey;
import dev.eventline.schemas.catalog.TopicSpec;
import dev.eventline.schemas.codec.EventCodec;
import dev.eventline.schemas.codec.EventHeaders;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stamps, encodes and appends one event, within the in-flight bound, and says what happened in terms
 * the idempotency protocol needs: whether the event may be in the log even though it was not
 * acknowledged. Thread-safe; {@link #append} hands the record to the log before it returns.
 */
final class EventWriter {

    private static final Logger LOG = LoggerFactory.getLogger(EventWriter.class);

    private final EventSchemas schemas;
    private final EventCodec codec;
    private final EventLog log;
    private final EmitMetrics metrics;
    private final Semaphore inFlight;
    // By schema: few, loaded once (ConcurrentHashMap finds the same instance by identity first).
    private final Map<Schema, Envelope> envelopes = new ConcurrentHashMap<>();

    /**
     * What one append came to.
     *
     * @param outcome the emit's outcome
     * @param maybeWritten false only when the event certainly is not in the log and never will be
     */
    record Attempt(EmitOutcome outcome, boolean maybeWritten) {}

    EventWriter(EventSchemas schemas, EventLog log, EmitMetrics metrics, int maxInFlight) {
        this.schemas = schemas;
        this.codec = new EventCodec(schemas);
        this.log = log;
        this.metrics = metrics;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** The record {@code event} becomes, with its envelope stamped. */
    LogRecord record(ProducerIdentity producer, ValidatedEvent event, UUID eventId, String tenant) {
        TopicSpec topic = schemas.catalog().topicOf(event.type()).orElseThrow();
        Envelope envelope = envelopes.computeIfAbsent(event.record().getSchema(), s -> Envelope.of(s, schemas));
        Map<String, String> headers = Map.of(
                EventHeaders.TYPE, event.type(),
                EventHeaders.TENANT, tenant,
                EventHeaders.EVENT_ID, eventId.toString(),
                EventHeaders.CONTENT_TYPE, EventHeaders.CONTENT_TYPE_AVRO,
                EventHeaders.SCHEMA_FINGERPRINT, envelope.fingerprintHex());
        String key = topic.partitionKey() == PartitionKey.TENANT ? tenant : event.recordId();
        return new LogRecord(
                topic.name(), key, codec.encode(envelope.stamp(event, eventId, tenant, producer.subject())), headers);
    }

    /** Encodes and appends; the outcome is known once the log acknowledged or refused the record. */
    CompletionStage<Attempt> append(ProducerIdentity producer, ValidatedEvent event, UUID eventId, String tenant) {
        long start = System.nanoTime();
        if (!inFlight.tryAcquire()) {
            return done(new EmitOutcome.Unavailable("saturated", "too many events awaiting Kafka"), false);
        }
        metrics.inFlight().incrementAndGet();
        LogRecord record;
        try {
            record = record(producer, event, eventId, tenant);
        } catch (RuntimeException e) {
            release();
            String traceId = UUID.randomUUID().toString();
            LOG.error("encoding a validated event failed [traceId={}]", traceId, e);
            return done(new EmitOutcome.Failed(traceId), false);
        }
        return log.append(record).handle((receipt, error) -> {
            release();
            if (error == null) {
                metrics.latency(start);
                return new Attempt(new EmitOutcome.Accepted(eventId, event.type(), receipt, false), true);
            }
            return failure(error);
        });
    }

    private Attempt failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        EventLogException.Kind kind = cause instanceof EventLogException e ? e.kind() : EventLogException.Kind.FATAL;
        metrics.logError(kind.name().toLowerCase(Locale.ROOT));
        return switch (kind) {
            // Not acknowledged in time: the broker may still have appended it.
            case RETRY ->
                new Attempt(
                        new EmitOutcome.Unavailable("kafka-unavailable", "Kafka did not acknowledge the event in time"),
                        true);
            case REJECT ->
                new Attempt(
                        new EmitOutcome.Rejected(EmitOutcome.Refusal.TOO_LARGE, cause.getMessage(), List.of()), false);
            case FATAL -> {
                String traceId = UUID.randomUUID().toString();
                LOG.error("the event log failed [traceId={}]", traceId, cause);
                yield new Attempt(new EmitOutcome.Failed(traceId), true);
            }
        };
    }

    private static CompletionStage<Attempt> done(EmitOutcome outcome, boolean maybeWritten) {
        return CompletableFuture.completedFuture(new Attempt(outcome, maybeWritten));
    }

    private void release() {
        inFlight.release();
        metrics.inFlight().decrementAndGet();
    }
}
