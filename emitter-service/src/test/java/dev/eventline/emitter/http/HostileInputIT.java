package dev.eventline.emitter.http;

import static dev.eventline.emitter.EmitterHarness.assignment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.emitter.EmitterHarness;
import dev.eventline.emitter.TopicReader;
import dev.eventline.schemas.catalog.TopicCatalog;
import dev.eventline.schemas.catalog.TopicSpec;
import dev.eventline.testkit.hostile.HostileTokens;
import dev.eventline.testkit.hostile.MalformedBodies;
import dev.eventline.testkit.hostile.Problems;
import dev.eventline.testkit.hostile.RawHttp;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The emit API under hostile input: every request here must be refused with a problem+json 4xx, never
 * a 5xx, write nothing to any topic, and leave the service healthy.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 25;
    private TestKafka kafka;
    private EmitterHarness emitter;
    private String token;
    private Map<TopicPartition, Long> before;

    @BeforeAll
    void start(TestKafka kafka) {
        this.kafka = kafka;
        this.emitter = new EmitterHarness(kafka, Map.of("eventline.http.request-head-timeout", "1s"));
        this.token = emitter.producerToken();
    }

    @AfterAll
    void stop() {
        emitter.close();
    }

    @BeforeEach
    void rememberTheLog() {
        before = endOffsets();
    }

    @AfterEach
    void nothingWasWrittenAndTheServiceIsHealthy() {
        assertEquals(before, endOffsets(), "a refused request wrote to Kafka");
        assertEquals(200, emitter.get("/health").statusCode());
        assertEquals(201, emitter.post(assignment("after", "ok"), token).statusCode());
        before = endOffsets();
    }

    @Test
    void malformedBodiesAreRefusedEachNamingTheProblem() throws Exception {
        for (Map.Entry<String, String> body :
                MalformedBodies.named(assignment("h-1", "x")).entrySet()) {
            HttpResponse<String> response = emitter.post(body.getValue(), token);
            Problems.assertProblem(response, body.getKey());
            assertTrue(
                    response.body().length() < 64 * 1024,
                    body.getKey() + ": answer of " + response.body().length());
        }
    }

    @Test
    void randomMutationsOfAValidEventNeverGetA5xxAndRefusalsWriteNothing() throws Exception {
        for (String body : MalformedBodies.mutations(assignment("h-2", "mutated"), SEED, 300)) {
            Map<TopicPartition, Long> ahead = endOffsets();
            HttpResponse<String> response = emitter.post(body, token);
            assertTrue(response.statusCode() < 500, "seed " + SEED + ": " + response.statusCode() + " for " + body);
            if (response.statusCode() >= 400) {
                Problems.assertProblem(response, body);
                assertEquals(ahead, endOffsets(), "refused but written: " + body);
            }
        }
        before = endOffsets();
    }

    @Test
    void nonFiniteAndOutOfRangeNumbersInPayloadsAreRefused() throws Exception {
        String submission =
                """
                {"type": "submission.updated", "recordId": "s-1",
                 "payload": {"assignmentId": "a-1", "pupilId": "p-1", "status": "MARKED", "score": %s}}""";
        Problems.assertProblem(emitter.post(submission.formatted("1e400"), token), "score 1e400");
        Problems.assertProblem(emitter.post(submission.formatted("-1e400"), token), "score -1e400");
        Problems.assertProblem(
                emitter.post(
                        assignment("h-3", "x").replace("2026-12-01T09:00:00Z", "+1000000000-12-31T23:59:59Z"), token),
                "dueAt overflow");
    }

    @Test
    void bodiesWithoutJsonContentTypeAreRefused() throws Exception {
        Problems.assertProblem(emitter.postAs("text/plain", assignment("h-4", "x"), token), "text/plain");
        RawHttp raw = new RawHttp(emitter.url());
        String body = assignment("h-4", "x");
        String answer = raw.exchange(
                "POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\nContent-Length: "
                        + body.length() + "\r\nConnection: close\r\n\r\n" + body,
                Duration.ofSeconds(5));
        assertEquals(List.of(415), RawHttp.statuses(answer), answer);
    }

    @Test
    void badIdempotencyKeysAreRefused() throws Exception {
        Problems.assertProblem(
                emitter.post(assignment("h-5", "x"), token, "Idempotency-Key", "k".repeat(257)), "long key");
        RawHttp raw = new RawHttp(emitter.url());
        String body = assignment("h-5", "x");
        String answer = raw.exchange(
                "POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: application/json\r\nIdempotency-Key: a\u0001b\r\nContent-Length: "
                        + body.length() + "\r\nConnection: close\r\n\r\n" + body,
                Duration.ofSeconds(5));
        int status = RawHttp.statuses(answer).get(0);
        assertTrue(status >= 400 && status < 500, answer);
    }

    @Test
    void everyRefusedTokenGets401() throws Exception {
        Map<String, String> tokens =
                HostileTokens.refused(emitter.secret(), EmitterHarness.TENANT, List.of("producer"));
        for (Map.Entry<String, String> hostile : tokens.entrySet()) {
            HttpResponse<String> response = emitter.post(assignment("h-6", "x"), hostile.getValue());
            assertEquals(401, response.statusCode(), hostile.getKey() + ": " + response.body());
        }
        HttpResponse<String> basic =
                emitter.postAs("application/json", assignment("h-6", "x"), null, "Authorization", "Basic dTpw");
        assertEquals(401, basic.statusCode());
    }

    @Test
    void anUnknownTransferCodingIsRefusedWithoutSmugglingASecondRequest() throws Exception {
        RawHttp raw = new RawHttp(emitter.url());
        String smuggled = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
        String answer = raw.exchange(
                "POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: identity\r\n\r\n" + smuggled,
                Duration.ofSeconds(5));
        assertEquals(List.of(400), RawHttp.statuses(answer), answer);
        assertTrue(answer.contains("application/problem+json"), answer);
    }

    @Test
    void malformedRequestHeadsAreRefusedAndSlowHeadsTimedOut() throws Exception {
        RawHttp raw = new RawHttp(emitter.url());
        for (String head : List.of(
                "GARBAGE\r\n\r\n",
                "POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
                "POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n")) {
            String answer = raw.exchange(head, Duration.ofSeconds(5));
            for (int status : RawHttp.statuses(answer)) {
                assertTrue(
                        status >= 400 && status < 500,
                        head.substring(0, Math.min(30, head.length())) + " -> " + answer);
            }
        }
        RawHttp.Outcome slow = raw.stall("POST /v1/events HTTP/1.1\r\nHost: x\r\n", Duration.ofSeconds(5));
        assertTrue(slow.closed(), "a head that never ends is cut off");
        assertEquals(List.of(408), RawHttp.statuses(slow.received()), slow.received());
    }

    @Test
    void managementEndpointsAreOffAndHealthShowsNoInternals() throws Exception {
        for (String path : List.of("/beans", "/routes", "/info", "/threaddump", "/env", "/loggers", "/caches")) {
            HttpResponse<String> response = emitter.get(path, token);
            assertEquals(404, response.statusCode(), path);
        }
        String refresh = new RawHttp(emitter.url())
                .exchange(
                        "POST /refresh HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                                + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
                        Duration.ofSeconds(5));
        assertEquals(List.of(404), RawHttp.statuses(refresh), refresh);
        String health = emitter.get("/health").body();
        assertFalse(
                health.contains("clusterId") || health.contains("brokerId") || health.contains("diskSpace"), health);
        assertEquals(200, emitter.get("/prometheus").statusCode());
    }

    private Map<TopicPartition, Long> endOffsets() {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicSpec topic : TopicCatalog.load().topics()) {
            offsets.putAll(TopicReader.endOffsets(kafka, topic.name()));
        }
        return offsets;
    }
}
