package dev.eventline.emitter.idempotency;

import static dev.eventline.emitter.EmitterHarness.assignment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.emitter.EmitterHarness;
import dev.eventline.emitter.TopicReader;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class IdempotencyIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void retryWithSameKeyReturnsOriginalReceiptAndWritesNothingAlsoAfterRestart(TestKafka kafka) throws Exception {
        String key = UUID.randomUUID().toString();
        try (EmitterHarness emitter = new EmitterHarness(kafka, Map.of())) {
            HttpResponse<String> first =
                    emitter.post(assignment("i-1", "once"), emitter.producerToken(), "Idempotency-Key", key);
            assertEquals(201, first.statusCode(), first.body());
            Map<TopicPartition, Long> afterFirst = TopicReader.endOffsets(kafka, "assignments");

            HttpResponse<String> retry =
                    emitter.post(assignment("i-1", "once"), emitter.producerToken(), "Idempotency-Key", key);
            assertEquals(201, retry.statusCode(), retry.body());
            assertEquals(
                    "true", retry.headers().firstValue("Idempotent-Replayed").orElse(""));
            assertSameReceipt(first, retry);

            emitter.stop();
            emitter.start();
            HttpResponse<String> afterRestart =
                    emitter.post(assignment("i-1", "once"), emitter.producerToken(), "Idempotency-Key", key);
            assertEquals(201, afterRestart.statusCode(), afterRestart.body());
            assertSameReceipt(first, afterRestart);
            assertEquals(afterFirst, TopicReader.endOffsets(kafka, "assignments"));
        }
    }

    @Test
    void eventIdIsTheKeyWhenNoHeaderIsGiven(TestKafka kafka) throws Exception {
        String body = assignment("i-2", "x")
                .replace("\"recordId\"", "\"eventId\": \"" + UUID.randomUUID() + "\", \"recordId\"");
        try (EmitterHarness emitter = new EmitterHarness(kafka, Map.of())) {
            HttpResponse<String> first = emitter.post(body, emitter.producerToken());
            HttpResponse<String> retry = emitter.post(body, emitter.producerToken());
            assertEquals(201, retry.statusCode(), retry.body());
            assertSameReceipt(first, retry);
        }
    }

    @Test
    void reusingAKeyForADifferentEventIsAConflict(TestKafka kafka) throws Exception {
        String key = UUID.randomUUID().toString();
        try (EmitterHarness emitter = new EmitterHarness(kafka, Map.of())) {
            assertEquals(
                    201,
                    emitter.post(assignment("i-3", "a"), emitter.producerToken(), "Idempotency-Key", key)
                            .statusCode());
            HttpResponse<String> other =
                    emitter.post(assignment("i-3", "b"), emitter.producerToken(), "Idempotency-Key", key);
            assertEquals(409, other.statusCode(), other.body());
            assertEquals(
                    "urn:eventline:problem:key-reused",
                    JSON.readTree(other.body()).get("type").asText());
        }
    }

    @Test
    void concurrentRequestsWithOneKeyWriteOnceAndADifferentEventUnderItIsAConflict(TestKafka kafka) throws Exception {
        String key = UUID.randomUUID().toString();
        try (EmitterHarness emitter = new EmitterHarness(kafka, Map.of())) {
            Map<TopicPartition, Long> before = TopicReader.endOffsets(kafka, "assignments");
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String title = i % 2 == 0 ? "same" : "other-" + i;
                answers.add(CompletableFuture.supplyAsync(
                        () -> emitter.post(assignment("i-4", title), emitter.producerToken(), "Idempotency-Key", key)));
            }
            List<Integer> statuses =
                    answers.stream().map(a -> a.join().statusCode()).toList();
            long written = TopicReader.endOffsets(kafka, "assignments").entrySet().stream()
                    .mapToLong(e -> e.getValue() - before.get(e.getKey()))
                    .sum();
            assertEquals(1, written, "one record for one key: " + statuses);
            // Whichever body came first owns the key: every request with another body is refused.
            long created = statuses.stream().filter(s -> s == 201).count();
            assertEquals(8, created + statuses.stream().filter(s -> s == 409).count(), statuses.toString());
            assertTrue(created == 4 || created == 1, "the owner's body (4 requests) or one other: " + statuses);
        }
    }

    @Test
    void aKeyEmittedAfterTheIdempotencyTopicsMetadataWentColdIsKept(TestKafka kafka) throws Exception {
        // Kafka forgets a topic's metadata at the first refresh after it was idle for metadata.max.idle.ms
        // (5 s at least); refreshes come every metadata.max.age.ms. In production: 5 and 5 minutes.
        Map<String, Object> forgetful = Map.of(
                "kafka.producers.events.metadata.max.idle.ms", "5000",
                "kafka.producers.events.metadata.max.age.ms", "1000",
                "kafka.producers.idempotency.metadata.max.idle.ms", "5000",
                "kafka.producers.idempotency.metadata.max.age.ms", "1000");
        String key = UUID.randomUUID().toString();
        try (EmitterHarness emitter = new EmitterHarness(kafka, forgetful)) {
            assertEquals(
                    201,
                    emitter.post(assignment("i-5", "warm"), emitter.producerToken())
                            .statusCode());
            Thread.sleep(7_000);
            HttpResponse<String> first =
                    emitter.post(assignment("i-5", "cold"), emitter.producerToken(), "Idempotency-Key", key);
            assertEquals(201, first.statusCode(), first.body());
            Map<TopicPartition, Long> afterFirst = TopicReader.endOffsets(kafka, "assignments");
            emitter.stop();
            emitter.start();
            HttpResponse<String> retry =
                    emitter.post(assignment("i-5", "cold"), emitter.producerToken(), "Idempotency-Key", key);
            assertEquals(201, retry.statusCode(), retry.body());
            assertSameReceipt(first, retry);
            assertEquals(afterFirst, TopicReader.endOffsets(kafka, "assignments"));
        }
    }

    private static void assertSameReceipt(HttpResponse<String> first, HttpResponse<String> second) throws Exception {
        JsonNode a = JSON.readTree(first.body());
        JsonNode b = JSON.readTree(second.body());
        for (String field : new String[] {"eventId", "topic", "partition", "offset", "timestamp"}) {
            assertEquals(a.get(field), b.get(field), field);
        }
    }
}
