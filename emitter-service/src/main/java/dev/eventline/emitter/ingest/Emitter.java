package dev.eventline.emitter.ingest;

import dev.eventline.edge.tracing.Tracing;
import dev.eventline.emitter.auth.ProducerIdentity;
import dev.eventline.emitter.auth.TenantDecision;
import dev.eventline.emitter.auth.TenantPolicy;
import dev.eventline.emitter.config.EmitterSettings;
import dev.eventline.emitter.idempotency.IdempotencyStore;
import dev.eventline.emitter.metrics.EmitMetrics;
import dev.eventline.emitter.validation.ValidatedEvent;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.codec.EventCodec;
import dev.eventline.schemas.codec.EventRecords;
import dev.eventline.schemas.codec.SchemaIds;
import io.opentelemetry.context.Context;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The emit use case for one validated event: decide its tenant, honour its idempotency key, stamp the
 * envelope, encode it and append it to the {@link EventLog}.
 *
 * <p>Idempotency: an event's own {@code eventId} is its key; an event without one uses the request's
 * {@code Idempotency-Key}, if any. Keys are scoped by tenant (tenant ids never contain {@code /}).
 * Keyed emits follow {@link KeyedWrites}: exactly once across instances and crashes.
 *
 * <p>Ordering: an unkeyed {@link #emit} hands the record to the log before it returns, so events
 * emitted one after another by one thread keep their order per key; a keyed one first waits for its
 * claim.
 *
 * <p>Bounded: at most {@code eventline.emitter.max-in-flight} events await acknowledgement; beyond
 * that emits are answered {@link EmitOutcome.Unavailable} at once, never queued. Thread-safe.
 */
@Singleton
public final class Emitter {

    private final IdempotencyStore keys;
    private final TenantPolicy tenants;
    private final EmitMetrics metrics;
    private final EventWriter writer;
    private final KeyedWrites keyed;

    /** Wires the use case; every collaborator is thread-safe. */
    @Inject
    public Emitter(
            EventRecords records,
            EventLog log,
            IdempotencyStore keys,
            TenantPolicy tenants,
            EmitMetrics metrics,
            EmitterSettings settings,
            Tracing tracing) {
        this(records, log, keys, tenants, new Instruments(metrics, tracing), settings, Clock.systemUTC());
    }

    /**
     * As above, untraced, with records of {@code schemas} in the settings' wire format and derived ids,
     * and the clock that ages pending idempotency claims (tests).
     */
    public Emitter(
            EventSchemas schemas,
            EventLog log,
            IdempotencyStore keys,
            TenantPolicy tenants,
            EmitMetrics metrics,
            EmitterSettings settings,
            Clock clock) {
        this(
                new EventRecords(schemas, new EventCodec(schemas, settings.wireFormat(), SchemaIds.derived(schemas))),
                log,
                keys,
                tenants,
                new Instruments(metrics, Tracing.off()),
                settings,
                clock);
    }

    /** What the use case reports to: metrics and traces. */
    private record Instruments(EmitMetrics metrics, Tracing tracing) {}

    private Emitter(
            EventRecords records,
            EventLog log,
            IdempotencyStore keys,
            TenantPolicy tenants,
            Instruments instruments,
            EmitterSettings settings,
            Clock clock) {
        this.keys = keys;
        this.tenants = tenants;
        this.metrics = instruments.metrics();
        this.writer = new EventWriter(records, log, metrics, settings.getMaxInFlight(), instruments.tracing());
        this.keyed = new KeyedWrites(
                keys,
                log,
                writer,
                settings.getIdempotencySettle(),
                clock,
                new CrashPoints(settings.getCrashPoint(), settings.getCrashPointAfter()));
    }

    /** Emits one event as the start of a new trace; see {@link #emit(ProducerIdentity, ValidatedEvent, String, Context)}. */
    public CompletionStage<EmitOutcome> emit(ProducerIdentity producer, ValidatedEvent event, String idempotencyKey) {
        return emit(producer, event, idempotencyKey, Context.root());
    }

    /**
     * Emits one event.
     *
     * @param idempotencyKey the request's key (used when the event has no {@code eventId}), or null
     * @param trace the trace the emit continues (the request's span); its context goes into the record's
     *     headers through the writer's own span
     * @return completes when the outcome is known; never completes exceptionally
     */
    public CompletionStage<EmitOutcome> emit(
            ProducerIdentity producer, ValidatedEvent event, String idempotencyKey, Context trace) {
        return attempt(producer, event, idempotencyKey, trace).thenApply(outcome -> {
            record(event, outcome);
            return outcome;
        });
    }

    private CompletionStage<EmitOutcome> attempt(
            ProducerIdentity producer, ValidatedEvent event, String requestKey, Context trace) {
        TenantDecision decision = tenants.tenantFor(producer, event.tenantId());
        if (!decision.allowed()) {
            return CompletableFuture.completedFuture(
                    new EmitOutcome.Rejected(EmitOutcome.Refusal.FORBIDDEN, decision.denial(), List.of()));
        }
        String key = event.eventId() != null ? event.eventId().toString() : requestKey;
        if (key == null) {
            return writer.append(producer, event, UUID.randomUUID(), decision.tenant(), trace)
                    .thenApply(EventWriter.Attempt::outcome);
        }
        if (!keys.ready()) {
            return CompletableFuture.completedFuture(
                    new EmitOutcome.Unavailable("loading", "idempotency keys are still loading"));
        }
        return keyed.emit(producer, event, decision.tenant(), decision.tenant() + "/" + key, trace);
    }

    private void record(ValidatedEvent event, EmitOutcome outcome) {
        String type = event.type();
        Runnable count = outcome.match(
                accepted -> () -> metrics.accepted(type, accepted.replayed()),
                notWritten -> () -> metrics.rejected(type, notWritten.reason()));
        count.run();
    }
}
