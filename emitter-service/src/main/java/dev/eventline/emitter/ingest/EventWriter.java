package dev.eventline.emitter.ingest;

import dev.eventline.edge.tracing.EventSpans;
import dev.eventline.edge.tracing.Tracing;
import dev.eventline.emitter.auth.ProducerIdentity;
import dev.eventline.emitter.metrics.EmitMetrics;
import dev.eventline.emitter.validation.ValidatedEvent;
import dev.eventline.schemas.codec.EnvelopeValues;
import dev.eventline.schemas.codec.EventRecord;
import dev.eventline.schemas.codec.EventRecords;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stamps, encodes and appends one event, within the in-flight bound, and says what happened in terms
 * the idempotency protocol needs: whether the event may be in the log even though it was not
 * acknowledged. Thread-safe; {@link #append} hands the record to the log before it returns.
 */
final class EventWriter {

    private static final Logger LOG = LoggerFactory.getLogger(EventWriter.class);

    private final EventRecords records;
    private final EventLog log;
    private final EmitMetrics metrics;
    private final Semaphore inFlight;
    private final Tracing tracing;

    /**
     * What one append came to.
     *
     * @param outcome the emit's outcome
     * @param maybeWritten false only when the event certainly is not in the log and never will be
     */
    record Attempt(EmitOutcome outcome, boolean maybeWritten) {}

    EventWriter(EventRecords records, EventLog log, EmitMetrics metrics, int maxInFlight, Tracing tracing) {
        this.tracing = tracing;
        this.records = records;
        this.log = log;
        this.metrics = metrics;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** The record {@code event} becomes, with its envelope stamped. */
    EventRecord record(ProducerIdentity producer, ValidatedEvent event, UUID eventId, String tenant) {
        long emittedAt =
                event.emittedAt() != null ? event.emittedAt() : Instant.now().toEpochMilli();
        return records.stamp(
                event.record(),
                new EnvelopeValues(
                        eventId,
                        event.type(),
                        tenant,
                        event.recordId(),
                        emittedAt,
                        producer.subject(),
                        event.audience(),
                        event.actor()));
    }

    /**
     * Encodes and appends; the outcome is known once the log acknowledged or refused the record. A
     * producer span, child of {@code trace}, covers the append, and its context goes into the record's
     * trace headers, where readers continue it.
     */
    CompletionStage<Attempt> append(
            ProducerIdentity producer, ValidatedEvent event, UUID eventId, String tenant, Context trace) {
        long start = System.nanoTime();
        if (!inFlight.tryAcquire()) {
            return done(new EmitOutcome.Unavailable("saturated", "too many events awaiting Kafka"), false);
        }
        metrics.inFlight().incrementAndGet();
        EventRecord record;
        try {
            record = record(producer, event, eventId, tenant);
        } catch (RuntimeException e) {
            release();
            String traceId = Tracing.traceId(Span.fromContext(trace));
            LOG.error("encoding a validated event failed [traceId={}]", traceId, e);
            return done(new EmitOutcome.Failed(traceId), false);
        }
        Span span = EventSpans.describe(
                        tracing.tracer()
                                .spanBuilder("publish " + record.topic())
                                .setParent(trace)
                                .setSpanKind(SpanKind.PRODUCER),
                        record.topic(),
                        eventId.toString(),
                        event.type(),
                        tenant)
                .startSpan();
        EventRecord traced = record.withTrace(tracing.headers(trace.with(span)));
        return log.append(traced).handle((receipt, error) -> {
            release();
            if (error == null) {
                metrics.latency(start);
                span.setAttribute(EventSpans.PARTITION, String.valueOf(receipt.partition()));
                span.setAttribute(EventSpans.OFFSET, receipt.offset());
                span.end();
                return new Attempt(new EmitOutcome.Accepted(eventId, event.type(), receipt, false), true);
            }
            Attempt failed = failure(error, Tracing.traceId(span));
            span.setStatus(StatusCode.ERROR, failed.outcome().getClass().getSimpleName());
            span.end();
            return failed;
        });
    }

    private Attempt failure(Throwable error, String traceId) {
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
