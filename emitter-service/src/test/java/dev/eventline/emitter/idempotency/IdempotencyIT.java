package dev.eventline.emitter.idempotency;

import static dev.eventline.emitter.EmitterHarness.assignment;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.emitter.EmitterHarness;
import dev.eventline.emitter.TopicReader;
import dev.eventline.infra.kafka.junit.KafkaBrokerExtension;
import dev.eventline.infra.kafka.junit.TestKafka;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
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

    private static void assertSameReceipt(HttpResponse<String> first, HttpResponse<String> second) throws Exception {
        JsonNode a = JSON.readTree(first.body());
        JsonNode b = JSON.readTree(second.body());
        for (String field : new String[] {"eventId", "topic", "partition", "offset", "timestamp"}) {
            assertEquals(a.get(field), b.get(field), field);
        }
    }
}
