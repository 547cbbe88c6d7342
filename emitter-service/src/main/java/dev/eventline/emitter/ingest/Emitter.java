package dev.eventline.emitter.ingest;

import dev.eventline.emitter.auth.ProducerIdentity;
import dev.eventline.emitter.auth.TenantDecision;
import dev.eventline.emitter.auth.TenantPolicy;
import dev.eventline.emitter.config.EmitterSettings;
import dev.eventline.emitter.idempotency.IdempotencyStore;
import dev.eventline.emitter.idempotency.StoredReceipt;
import dev.eventline.emitter.metrics.EmitMetrics;
import dev.eventline.emitter.validation.ValidatedEvent;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.catalog.PartitionKey;
import dev.eventline.schemas.catalog.TopicSpec;
import dev.eventline.schemas.codec.EventCodec;
import dev.eventline.schemas.codec.EventHeaders;
import jakarta.inject.Singleton;
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
import org.apache.avro.generic.GenericData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emit use case for one validated event: decide its tenant, honour its idempotency key, stamp the
 * envelope, encode it and append it to the {@link EventLog}.
 *
 * <p>Ordering: {@link #emit} hands the record to the log before it returns (no asynchronous hop
 * first), so events emitted one after another by one thread keep their order per key.
 *
 * <p>Bounded: at most {@code eventline.emitter.max-in-flight} events await acknowledgement; beyond
 * that emits are answered {@link EmitOutcome.Unavailable} at once, never queued. Thread-safe.
 */
@Singleton
public final class Emitter {

    private static final Logger LOG = LoggerFactory.getLogger(Emitter.class);

    private final EventSchemas schemas;
    private final EventCodec codec;
    private final EventLog log;
    private final IdempotencyStore keys;
    private final TenantPolicy tenants;
    private final EmitMetrics metrics;
    private final Semaphore inFlight;
    private final Map<String, CompletableFuture<EmitOutcome>> pendingKeys = new ConcurrentHashMap<>();
    // By schema: few, loaded once (ConcurrentHashMap finds the same instance by identity first).
    private final Map<Schema, Envelope> envelopes = new ConcurrentHashMap<>();

    /** Wires the use case; every collaborator is thread-safe. */
    public Emitter(
            EventSchemas schemas,
            EventLog log,
            IdempotencyStore keys,
            TenantPolicy tenants,
            EmitMetrics metrics,
            EmitterSettings settings) {
        this.schemas = schemas;
        this.codec = new EventCodec(schemas);
        this.log = log;
        this.keys = keys;
        this.tenants = tenants;
        this.metrics = metrics;
        this.inFlight = new Semaphore(settings.getMaxInFlight());
    }

    /**
     * Emits one event.
     *
     * @param idempotencyKey the request's key, or null to use the event's {@code eventId} (if any)
     * @return completes when the outcome is known; never completes exceptionally
     */
    public CompletionStage<EmitOutcome> emit(ProducerIdentity producer, ValidatedEvent event, String idempotencyKey) {
        long start = System.nanoTime();
        TenantDecision decision = tenants.tenantFor(producer, event.tenantId());
        if (!decision.allowed()) {
            return done(event, new EmitOutcome.Rejected(403, "forbidden", decision.denial(), List.of()));
        }
        String key = idempotencyKey != null
                ? idempotencyKey
                : event.eventId() == null ? null : event.eventId().toString();
        if (key == null) {
            return write(producer, event, decision.tenant(), start, null);
        }
        if (!keys.ready()) {
            return done(event, new EmitOutcome.Unavailable("loading", "idempotency keys are still loading"));
        }
        String scopedKey = decision.tenant() + "/" + key;
        EmitOutcome earlier = replay(event, scopedKey);
        if (earlier != null) {
            return done(event, earlier);
        }
        CompletableFuture<EmitOutcome> mine = new CompletableFuture<>();
        CompletableFuture<EmitOutcome> running = pendingKeys.putIfAbsent(scopedKey, mine);
        if (running != null) {
            // A concurrent retry of the same key: answer as the first request is answered.
            return running.thenApply(outcome -> outcome instanceof EmitOutcome.Accepted a
                    ? new EmitOutcome.Accepted(a.eventId(), a.type(), a.receipt(), true)
                    : outcome);
        }
        write(producer, event, decision.tenant(), start, scopedKey).whenComplete((outcome, error) -> {
            pendingKeys.remove(scopedKey, mine);
            mine.complete(outcome);
        });
        return mine;
    }

    private EmitOutcome replay(ValidatedEvent event, String scopedKey) {
        return keys.find(scopedKey)
                .map(stored -> stored.fingerprint().equals(event.fingerprint())
                        ? (EmitOutcome)
                                new EmitOutcome.Accepted(stored.eventId(), stored.type(), stored.receipt(), true)
                        : new EmitOutcome.Rejected(
                                409, "key-reused", "this idempotency key was used for a different event", List.of()))
                .orElse(null);
    }

    private CompletionStage<EmitOutcome> write(
            ProducerIdentity producer, ValidatedEvent event, String tenant, long start, String scopedKey) {
        if (!inFlight.tryAcquire()) {
            return done(event, new EmitOutcome.Unavailable("saturated", "too many events awaiting Kafka"));
        }
        metrics.inFlight().incrementAndGet();
        UUID eventId = event.eventId() != null ? event.eventId() : UUID.randomUUID();
        TopicSpec topic = schemas.catalog().topicOf(event.type()).orElseThrow();
        LogRecord record;
        try {
            record = encode(producer, event, eventId, tenant, topic);
        } catch (RuntimeException e) {
            release();
            String traceId = UUID.randomUUID().toString();
            LOG.error("encoding a validated event failed [traceId={}]", traceId, e);
            return done(event, new EmitOutcome.Failed(traceId));
        }
        return log.append(record).handle((receipt, error) -> {
            release();
            if (error == null) {
                if (scopedKey != null) {
                    keys.remember(scopedKey, new StoredReceipt(eventId, event.type(), receipt, event.fingerprint()));
                }
                metrics.accepted(event.type(), false);
                metrics.latency(start);
                return new EmitOutcome.Accepted(eventId, event.type(), receipt, false);
            }
            return failure(event, error);
        });
    }

    private LogRecord encode(
            ProducerIdentity producer, ValidatedEvent event, UUID eventId, String tenant, TopicSpec topic) {
        Envelope envelope = envelopes.computeIfAbsent(event.record().getSchema(), s -> Envelope.of(s, schemas));
        GenericData.Record value = envelope.stamp(event, eventId, tenant, producer.subject());
        Map<String, String> headers = Map.of(
                EventHeaders.TYPE, event.type(),
                EventHeaders.TENANT, tenant,
                EventHeaders.EVENT_ID, eventId.toString(),
                EventHeaders.CONTENT_TYPE, EventHeaders.CONTENT_TYPE_AVRO,
                EventHeaders.SCHEMA_FINGERPRINT, envelope.fingerprintHex());
        String key = topic.partitionKey() == PartitionKey.TENANT ? tenant : event.recordId();
        return new LogRecord(topic.name(), key, codec.encode(value), headers);
    }

    private EmitOutcome failure(ValidatedEvent event, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        EventLogException.Kind kind = cause instanceof EventLogException e ? e.kind() : EventLogException.Kind.FATAL;
        metrics.logError(kind.name().toLowerCase(Locale.ROOT));
        EmitOutcome outcome =
                switch (kind) {
                    case RETRY ->
                        new EmitOutcome.Unavailable("kafka-unavailable", "Kafka did not acknowledge the event in time");
                    case REJECT -> new EmitOutcome.Rejected(413, "too-large", cause.getMessage(), List.of());
                    case FATAL -> {
                        String traceId = UUID.randomUUID().toString();
                        LOG.error("the event log failed [traceId={}]", traceId, cause);
                        yield new EmitOutcome.Failed(traceId);
                    }
                };
        record(event, outcome);
        return outcome;
    }

    private CompletionStage<EmitOutcome> done(ValidatedEvent event, EmitOutcome outcome) {
        record(event, outcome);
        return CompletableFuture.completedFuture(outcome);
    }

    private void record(ValidatedEvent event, EmitOutcome outcome) {
        if (outcome instanceof EmitOutcome.Accepted accepted) {
            metrics.accepted(event.type(), accepted.replayed());
        } else if (outcome instanceof EmitOutcome.Rejected rejected) {
            metrics.rejected(event.type(), rejected.reason());
        } else if (outcome instanceof EmitOutcome.Unavailable unavailable) {
            metrics.rejected(event.type(), unavailable.reason());
        } else {
            metrics.rejected(event.type(), "internal");
        }
    }

    private void release() {
        inFlight.release();
        metrics.inFlight().decrementAndGet();
    }
}
