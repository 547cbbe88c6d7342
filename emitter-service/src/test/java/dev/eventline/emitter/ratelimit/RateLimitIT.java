package dev.eventline.emitter.ratelimit;

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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Emit rate limits over real HTTP: a producer past its burst gets 429 with Retry-After and the IETF
 * RateLimit fields; a batch over the limit is refused whole and writes nothing; a tenant's limit holds
 * across its producers. Refill is slow (one event every 10 s) so nothing refills during the test.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EmitterHarness emitter;
    private TestKafka kafka;

    @BeforeAll
    void start(TestKafka kafka) {
        this.kafka = kafka;
        emitter = new EmitterHarness(
                kafka,
                Map.of(
                        "eventline.emitter.rate-limits.producer", "0.1:3",
                        "eventline.emitter.rate-limits.tenant", "0.1:5",
                        "eventline.emitter.rate-limits.producers.batcher", "0.1:4"));
    }

    @AfterAll
    void stop() {
        emitter.close();
    }

    @Test
    void aProducerPastItsBurstIsToldWhenToComeBack() throws Exception {
        String token = token("single", "tenant-single");
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> written = emitter.post(assignment("r-" + i, "t"), token);
            assertEquals(201, written.statusCode(), written.body());
        }

        HttpResponse<String> refused = emitter.post(assignment("r-3", "t"), token);

        assertEquals(429, refused.statusCode(), refused.body());
        assertEquals(
                "application/problem+json",
                refused.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("10", refused.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(
                "\"producer\";q=3;w=30",
                refused.headers().firstValue("RateLimit-Policy").orElseThrow());
        assertEquals(
                "\"producer\";r=0;t=10",
                refused.headers().firstValue("RateLimit").orElseThrow());
        JsonNode problem = JSON.readTree(refused.body());
        assertEquals("urn:eventline:problem:rate-limited", problem.get("type").asText());
        assertTrue(problem.get("detail").asText().contains("'single'"), refused.body());
    }

    @Test
    void aBatchOverTheLimitIsRefusedWholeAndWritesNothing() throws Exception {
        String token = token("batcher", "tenant-batch");
        Map<TopicPartition, Long> before = TopicReader.endOffsets(kafka, "assignments");
        String batch = "["
                + String.join(
                        ", ",
                        List.of(
                                assignment("b-1", "one"),
                                assignment("b-2", "two"),
                                assignment("b-3", "three"),
                                assignment("b-4", "four"),
                                assignment("b-5", "five")))
                + "]";

        HttpResponse<String> refused = emitter.post(batch, token);

        assertEquals(429, refused.statusCode(), refused.body());
        assertTrue(
                JSON.readTree(refused.body()).get("detail").asText().contains("send smaller batches"), refused.body());
        assertEquals(before, TopicReader.endOffsets(kafka, "assignments"), "nothing of the batch was written");
        HttpResponse<String> fits =
                emitter.post("[" + assignment("b-1", "one") + ", " + assignment("b-2", "two") + "]", token);
        assertEquals(201, fits.statusCode(), fits.body());
    }

    @Test
    void aTenantsLimitHoldsAcrossItsProducers() throws Exception {
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> written =
                    emitter.post(assignment("s-" + i, "t"), token("producer-" + i, "tenant-shared"));
            assertEquals(201, written.statusCode(), written.body());
        }

        HttpResponse<String> refused = emitter.post(assignment("s-5", "t"), token("producer-5", "tenant-shared"));

        assertEquals(429, refused.statusCode(), refused.body());
        assertEquals(
                "\"tenant\";q=5;w=50",
                refused.headers().firstValue("RateLimit-Policy").orElseThrow());
    }

    private String token(String producer, String tenant) {
        return emitter.tokens().mint(producer, tenant, List.of("producer"), Duration.ofMinutes(10));
    }
}
