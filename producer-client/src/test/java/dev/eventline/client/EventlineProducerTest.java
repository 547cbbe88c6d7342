package dev.eventline.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventline.schemas.assignment.AssignmentChanged;
import dev.eventline.schemas.assignment.AssignmentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Batching and retries against a scripted emitter: what is resent, when, and what fails. */
class EventlineProducerTest {

    private final ScriptedTransport emitter = new ScriptedTransport();
    private EventlineProducer producer =
            producer(ProducerSettings.defaults().withRetries(5, Duration.ZERO, Duration.ZERO));

    @AfterEach
    void close() throws InterruptedException {
        producer.close();
    }

    @Test
    void eventsEmittedTogetherGoInOneRequestAsTheEmitApisJson() throws Exception {
        producer.close();
        producer = producer(ProducerSettings.defaults().withLinger(Duration.ofSeconds(1)));
        List<CompletableFuture<EmitReceipt>> receipts = emitMany(5);

        for (CompletableFuture<EmitReceipt> receipt : receipts) {
            assertEquals("assignments", receipt.get().topic());
        }
        assertEquals(1, emitter.bodies().size(), "one batch: " + emitter.bodies());
        JsonNode first = EmitRequests.parse(emitter.bodies().get(0)).get(0);
        assertEquals("assignment.created", first.get("type").asText());
        assertEquals("a-0", first.get("recordId").asText());
        assertEquals("PUBLISHED", first.at("/payload/status").asText());
        assertEquals(
                "2026-12-09T09:00:00Z", first.at("/payload/dueAt").asText(), "a timestamp as the emitter reads it");
        assertTrue(first.get("eventId").asText().matches("[0-9a-f-]{36}"));
    }

    @Test
    void aBatchTheEmitterCannotTakeNowIsResentWithTheSameEventIds() throws Exception {
        emitter.then(503, 0, "{\"type\":\"urn:eventline:problem:kafka-unavailable\",\"status\":503}")
                .then(429, 0, "{\"type\":\"urn:eventline:problem:rate-limited\",\"status\":429}")
                .thenNoAnswer();

        EmitReceipt receipt = emitMany(1).get(0).get();

        List<String> bodies = emitter.bodies();
        assertEquals(4, bodies.size(), "503, 429, no answer, then written");
        String eventId = EmitRequests.parse(bodies.get(0)).get(0).get("eventId").asText();
        for (String body : bodies) {
            assertEquals(eventId, EmitRequests.parse(body).get(0).get("eventId").asText(), "the idempotency key");
        }
        assertEquals(eventId, receipt.eventId().toString());
        assertEquals(3, producer.stats().retries());
    }

    @Test
    void ofAPartlyWrittenBatchOnlyTheUnavailableEventsGoAgainAndRefusedOnesFail() throws Exception {
        emitter.then(
                200 + 7,
                -1,
                "{\"results\":[" + ScriptedTransport.written(0) + ","
                        + ScriptedTransport.refused(1, 503, "in-progress") + ","
                        + ScriptedTransport.refused(2, 400, "invalid-event") + "]}");

        List<CompletableFuture<EmitReceipt>> receipts = emitMany(3);

        assertEquals(0, receipts.get(0).get().offset());
        assertEquals(0, receipts.get(1).get().offset(), "written alone by the second request");
        EmitException refused = cause(receipts.get(2));
        assertEquals(400, refused.status());
        assertEquals("urn:eventline:problem:invalid-event", refused.problemType());
        assertEquals(2, emitter.bodies().size());
        assertEquals(1, EmitRequests.parse(emitter.bodies().get(1)).size());
    }

    @Test
    void aBatchLargerThanTheRateLimitEverAllowsIsSplit() throws Exception {
        producer.close();
        producer = producer(ProducerSettings.defaults().withLinger(Duration.ofSeconds(1)));
        emitter.then(request -> CompletableFuture.completedFuture(new EmitTransport.Answer(
                429, 0, 2, "{\"type\":\"urn:eventline:problem:rate-limited\",\"status\":429}")));

        for (CompletableFuture<EmitReceipt> receipt : emitMany(5)) {
            receipt.get();
        }

        List<Integer> sizes = emitter.bodies().stream()
                .map(body -> EmitRequests.parse(body).size())
                .toList();
        assertEquals(List.of(5, 2, 2, 1), sizes, "at most the policy's quota per request after the 429");
        assertEquals(2, HttpEmitTransport.quota("\"producer\";q=2;w=1"));
    }

    @Test
    void anEventFailsAfterItsLastAttemptAndARefusedBatchFailsAtOnce() throws Exception {
        for (int i = 0; i < 5; i++) {
            emitter.thenNoAnswer();
        }
        assertEquals(0, cause(emitMany(1).get(0)).status(), "no answer in five attempts");

        emitter.then(
                401, -1, "{\"type\":\"urn:eventline:problem:unauthorized\",\"status\":401,\"detail\":\"expired\"}");
        EmitException unauthorized = cause(emitMany(1).get(0));
        assertEquals(401, unauthorized.status());
        assertEquals("expired", unauthorized.getMessage());
        assertEquals(6, emitter.bodies().size(), "a 401 is not retried");
    }

    @Test
    void aFullQueueRefusesAtOnceInsteadOfGrowing() throws Exception {
        producer.close();
        CompletableFuture<EmitTransport.Answer> never = new CompletableFuture<>();
        ScriptedTransport stuck = new ScriptedTransport().then(request -> never);
        producer = new EventlineProducer(
                stuck,
                new ProducerSettings(1, Duration.ZERO, 1, Duration.ZERO, Duration.ZERO, 1, Duration.ofSeconds(1)));
        producer.emit(assignment(0));
        producer.emit(assignment(1));
        CompletableFuture<EmitReceipt> third = producer.emit(assignment(2));
        assertTrue(
                cause(third).getMessage().contains("queue is full"),
                cause(third).getMessage());
    }

    @Test
    void anEventOfNoKnownTypeIsRefusedBeforeItIsQueued() {
        AssignmentChanged unknown = AssignmentChanged.newBuilder(assignment(0))
                .setEnvelope(Drafts.envelope("assignment.archived", "a-0"))
                .build();
        ExecutionException e = assertThrows(
                ExecutionException.class, () -> producer.emit(unknown).get());
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
    }

    private List<CompletableFuture<EmitReceipt>> emitMany(int count) {
        List<CompletableFuture<EmitReceipt>> receipts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            receipts.add(producer.emit(assignment(i)));
        }
        return receipts;
    }

    private EventlineProducer producer(ProducerSettings settings) {
        return new EventlineProducer(emitter, settings);
    }

    private static EmitException cause(CompletableFuture<EmitReceipt> receipt) {
        ExecutionException e = assertThrows(ExecutionException.class, receipt::get);
        return assertInstanceOf(EmitException.class, e.getCause());
    }

    static AssignmentChanged assignment(int i) {
        return AssignmentChanged.newBuilder()
                .setEnvelope(Drafts.envelope("assignment.created", "a-" + i))
                .setTitle("Fractions " + i)
                .setClassId("7b")
                .setDueAt(Instant.parse("2026-12-09T09:00:00Z"))
                .setStatus(AssignmentStatus.PUBLISHED)
                .build();
    }
}
