package dev.eventline.emitter.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.emitter.auth.ProducerIdentity;
import dev.eventline.emitter.auth.TenantPolicy;
import dev.eventline.emitter.config.EmitterSettings;
import dev.eventline.emitter.idempotency.InMemoryIdempotencyStore;
import dev.eventline.emitter.idempotency.KeyRecord;
import dev.eventline.emitter.metrics.EmitMetrics;
import dev.eventline.emitter.validation.EventValidator;
import dev.eventline.emitter.validation.ValidatedEvent;
import dev.eventline.schemas.EventSchemas;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The keyed-emit protocol (ADR 0006) through the in-memory log and key store, crash by crash. */
class ExactlyOnceEmitTest {

    private static final EventSchemas SCHEMAS = EventSchemas.load();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ProducerIdentity PRODUCER = new ProducerIdentity("producer-1", "tenant-a", Set.of("producer"));

    private final TestClock clock = new TestClock();
    private final InMemoryEventLog log = new InMemoryEventLog(clock);
    private final InMemoryIdempotencyStore keys = new InMemoryIdempotencyStore(clock);
    private final Emitter emitter = emitter();

    @Test
    void concurrentRequestsWithOneKeyAndDifferentEventsWriteOneAndRefuseTheOther() {
        log.hold();
        CompletionStage<EmitOutcome> first = emitter.emit(PRODUCER, event("a-1", "first"), "k");
        EmitOutcome second = emitter.emit(PRODUCER, event("a-1", "second"), "k")
                .toCompletableFuture()
                .join();
        log.acknowledgeHeld();
        assertInstanceOf(EmitOutcome.Accepted.class, first.toCompletableFuture().join());
        assertEquals(
                EmitOutcome.Refusal.KEY_REUSED,
                assertInstanceOf(EmitOutcome.Rejected.class, second).refusal());
        assertEquals(1, log.records().size());
    }

    @Test
    void concurrentRetriesOfOneRequestShareItsReceipt() {
        log.hold();
        CompletionStage<EmitOutcome> first = emitter.emit(PRODUCER, event("a-1", "same"), "k");
        CompletionStage<EmitOutcome> retry = emitter.emit(PRODUCER, event("a-1", "same"), "k");
        log.acknowledgeHeld();
        EmitOutcome.Accepted original = assertInstanceOf(
                EmitOutcome.Accepted.class, first.toCompletableFuture().join());
        EmitOutcome.Accepted replayed = assertInstanceOf(
                EmitOutcome.Accepted.class, retry.toCompletableFuture().join());
        assertEquals(original.receipt(), replayed.receipt());
        assertTrue(replayed.replayed());
        assertEquals(1, log.records().size());
    }

    @Test
    void anAttemptThatDiedAfterTheEventWasAcknowledgedIsAnsweredFromTheLogNotWrittenAgain() {
        keys.dropSettles(true);
        EmitOutcome.Accepted original = assertInstanceOf(
                EmitOutcome.Accepted.class,
                emitter.emit(PRODUCER, event("a-1", "x"), "k")
                        .toCompletableFuture()
                        .join());
        keys.dropSettles(false);
        Emitter restarted = emitter();

        EmitOutcome early = restarted
                .emit(PRODUCER, event("a-1", "x"), "k")
                .toCompletableFuture()
                .join();
        assertEquals(
                "in-progress",
                assertInstanceOf(EmitOutcome.Unavailable.class, early).reason());

        clock.advance(EmitterSettings.DEFAULT_IDEMPOTENCY_SETTLE);
        EmitOutcome.Accepted retried = assertInstanceOf(
                EmitOutcome.Accepted.class,
                restarted
                        .emit(PRODUCER, event("a-1", "x"), "k")
                        .toCompletableFuture()
                        .join());
        assertEquals(original.receipt(), retried.receipt());
        assertEquals(original.eventId(), retried.eventId());
        assertTrue(retried.replayed());
        assertEquals(1, log.records().size());
        assertEquals(original.receipt(), replayOf(restarted, "x").receipt(), "the recovery was remembered");
    }

    @Test
    void anAttemptThatDiedAfterItsClaimBeforeAppendingIsWrittenOnceByTheRetry() {
        ValidatedEvent event = event("a-2", "y");
        keys.claim(
                "tenant-a/k",
                new KeyRecord.Claimed(
                        UUID.randomUUID(), event.type(), event.fingerprint(), clock.millis(), KeyRecord.Claimed.FIRST));
        clock.advance(EmitterSettings.DEFAULT_IDEMPOTENCY_SETTLE);

        assertInstanceOf(
                EmitOutcome.Accepted.class,
                emitter.emit(PRODUCER, event, "k").toCompletableFuture().join());
        EmitOutcome.Accepted again = assertInstanceOf(
                EmitOutcome.Accepted.class,
                emitter.emit(PRODUCER, event, "k").toCompletableFuture().join());
        assertTrue(again.replayed());
        assertEquals(1, log.records().size());
    }

    @Test
    void anAppendWhoseAcknowledgementWasLostIsFoundNotWrittenAgain() {
        log.hold();
        emitter.emit(PRODUCER, event("a-1", "x"), "k");
        log.forgetHeld();
        clock.advance(EmitterSettings.DEFAULT_IDEMPOTENCY_SETTLE);

        EmitOutcome.Accepted retried = assertInstanceOf(
                EmitOutcome.Accepted.class,
                emitter()
                        .emit(PRODUCER, event("a-1", "x"), "k")
                        .toCompletableFuture()
                        .join());
        assertTrue(retried.replayed());
        assertEquals(1, log.records().size());
    }

    @Test
    void anEventRefusedByTheLogFreesItsKey() {
        log.failWith(new EventLogException(EventLogException.Kind.REJECT, "too large", null));
        assertInstanceOf(
                EmitOutcome.Rejected.class,
                emitter.emit(PRODUCER, event("a-1", "x"), "k")
                        .toCompletableFuture()
                        .join());
        log.failWith(null);
        assertInstanceOf(
                EmitOutcome.Accepted.class,
                emitter.emit(PRODUCER, event("a-1", "x"), "k")
                        .toCompletableFuture()
                        .join());
        assertEquals(1, log.records().size());
    }

    @Test
    void anEventIdIsOneKeyWhateverIdempotencyKeyComesWithIt() {
        String id = UUID.randomUUID().toString();
        EmitOutcome.Accepted first = assertInstanceOf(
                EmitOutcome.Accepted.class,
                emitter.emit(PRODUCER, event("a-1", "x", id), "k1")
                        .toCompletableFuture()
                        .join());
        EmitOutcome.Accepted second = assertInstanceOf(
                EmitOutcome.Accepted.class,
                emitter.emit(PRODUCER, event("a-1", "x", id), "k2")
                        .toCompletableFuture()
                        .join());
        assertEquals(first.receipt(), second.receipt());
        assertEquals(1, log.records().size());
    }

    @Test
    void everyAttemptOfOneRequestAppendsTheSameEventId() {
        EmitOutcome.Accepted a = assertInstanceOf(
                EmitOutcome.Accepted.class,
                emitter.emit(PRODUCER, event("a-1", "x"), "k")
                        .toCompletableFuture()
                        .join());
        InMemoryEventLog other = new InMemoryEventLog(clock);
        Emitter elsewhere = new Emitter(
                SCHEMAS,
                other,
                new InMemoryIdempotencyStore(clock),
                new TenantPolicy(new EmitterSettings()),
                new EmitMetrics(new SimpleMeterRegistry()),
                new EmitterSettings(),
                clock);
        EmitOutcome.Accepted b = assertInstanceOf(
                EmitOutcome.Accepted.class,
                elsewhere
                        .emit(PRODUCER, event("a-1", "x"), "k")
                        .toCompletableFuture()
                        .join());
        assertEquals(a.eventId(), b.eventId());
    }

    @Test
    void aRetryWithItsMembersInAnotherOrderIsTheSameEvent() throws Exception {
        ValidatedEvent reordered = new EventValidator(SCHEMAS)
                .validate(
                        JSON.readTree(
                                """
                        {"payload": {"status": "PUBLISHED", "dueAt": "2026-12-01T09:00:00Z", "classId": "7b", "title": "x"},
                         "recordId": "a-1", "type": "assignment.created"}"""),
                        "",
                        new ArrayList<>())
                .orElseThrow();
        assertEquals(event("a-1", "x").fingerprint(), reordered.fingerprint());
        EmitOutcome.Accepted first = replayOf(emitter, "x");
        EmitOutcome.Accepted retry = assertInstanceOf(
                EmitOutcome.Accepted.class,
                emitter.emit(PRODUCER, reordered, "k").toCompletableFuture().join());
        assertEquals(first.receipt(), retry.receipt());
        assertEquals(1, log.records().size());
    }

    private EmitOutcome.Accepted replayOf(Emitter target, String title) {
        return assertInstanceOf(
                EmitOutcome.Accepted.class,
                target.emit(PRODUCER, event("a-1", title), "k")
                        .toCompletableFuture()
                        .join());
    }

    private Emitter emitter() {
        return new Emitter(
                SCHEMAS,
                log,
                keys,
                new TenantPolicy(new EmitterSettings()),
                new EmitMetrics(new SimpleMeterRegistry()),
                new EmitterSettings(),
                clock);
    }

    private static ValidatedEvent event(String recordId, String title) {
        return event(recordId, title, null);
    }

    private static ValidatedEvent event(String recordId, String title, String eventId) {
        String id = eventId == null ? "" : "\"eventId\": \"" + eventId + "\", ";
        String body =
                """
                {%s"type": "assignment.created", "recordId": "%s",
                 "payload": {"title": "%s", "classId": "7b", "dueAt": "2026-12-01T09:00:00Z", "status": "PUBLISHED"}}"""
                        .formatted(id, recordId, title);
        try {
            return new EventValidator(SCHEMAS)
                    .validate(JSON.readTree(body), "", new ArrayList<>())
                    .orElseThrow();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
