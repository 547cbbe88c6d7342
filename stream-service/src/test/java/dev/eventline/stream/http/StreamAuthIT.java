package dev.eventline.stream.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.infra.token.DevTokens;
import dev.eventline.stream.support.StreamHarness;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestEvents;
import dev.eventline.testkit.kafka.TestKafka;
import dev.eventline.testkit.sse.SseClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Header, cookie and ticket authentication; roles x tenants on replay as on live. */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamAuthIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private StreamHarness stream;
    private TestEvents events;

    @BeforeAll
    void start(TestKafka kafka) {
        stream = new StreamHarness(kafka, Map.of("eventline.stream.max-connections-per-user", 2));
        events = new TestEvents(kafka);
    }

    @AfterAll
    void stop() {
        events.close();
        stream.close();
    }

    @Test
    void cookieCarriesTheTokenToo() throws Exception {
        String tenant = tenant();
        String token = stream.token("teacher-1", tenant, "teacher");
        try (SseClient client = SseClient.connect(
                stream.url("/v1/stream?topics=assignments"), null, "Cookie", "eventline_token=" + token)) {
            assertEquals(200, client.response().statusCode());
            assertEquals("connected", client.next(WAIT).event());
        }
    }

    @Test
    void ticketOpensOneStreamOnceAndOnlyTheStream() throws Exception {
        String tenant = tenant();
        String token = stream.token("teacher-1", tenant, "teacher");
        HttpResponse<String> issued = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(stream.url("/v1/stream/tickets")))
                                .header("Authorization", "Bearer " + token)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(201, issued.statusCode(), issued.body());
        String ticket = JSON.readTree(issued.body()).get("ticket").asText();
        try (SseClient client = SseClient.connect(stream.url("/v1/stream?topics=assignments&ticket=" + ticket), null)) {
            assertEquals("connected", client.next(WAIT).event());
            events.assignment(tenant, "via-ticket", "x");
            assertEquals(
                    "via-ticket",
                    JSON.readTree(client.next(WAIT).data()).get("recordId").asText());
        }
        assertEquals(
                401,
                stream.get("/v1/stream?topics=assignments&ticket=" + ticket, null)
                        .statusCode());
        HttpResponse<String> ticketForTicket = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(stream.url("/v1/stream/tickets?ticket=" + ticket)))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(401, ticketForTicket.statusCode(), "tickets are read on the stream endpoint only");
    }

    @Test
    void rolesAndTenantsAreEnforcedOnReplayAsOnLive() throws Exception {
        String tenant = tenant();
        String other = tenant();
        // Replay from a time just before these events: `earliest` would also work, but other test classes
        // may have filled this partition with other tenants' events first, which only slows the test.
        long before = System.currentTimeMillis() - 1000;
        events.assignment(tenant, "mine", "x");
        events.assignment(other, "theirs", "x");
        for (String role : List.of("pupil", "member")) {
            HttpResponse<String> refused =
                    stream.get("/v1/stream?topics=assignments&last_event_id=earliest", stream.token("u", tenant, role));
            assertEquals(403, refused.statusCode(), role + ": " + refused.body());
        }
        try (SseClient pupil = SseClient.connect(
                stream.url("/v1/stream?topics=files&last_event_id=earliest"), stream.token("u", tenant, "pupil"))) {
            assertEquals("connected", pupil.next(WAIT).event());
        }
        try (SseClient replay = SseClient.connect(
                stream.url("/v1/stream?topics=assignments&since=" + before),
                stream.token("teacher-1", tenant, "teacher"))) {
            replay.next(WAIT);
            assertEquals(
                    "mine",
                    JSON.readTree(replay.next(WAIT).data()).get("recordId").asText());
            events.assignment(tenant, "mine-live", "x");
            assertEquals(
                    "mine-live",
                    JSON.readTree(replay.next(WAIT).data()).get("recordId").asText());
        }
    }

    @Test
    void tooManyStreamsOfOneUserAreRefusedWith429UntilOneCloses() throws Exception {
        String tenant = tenant();
        String token = stream.token("tabby", tenant, "teacher");
        String url = stream.url("/v1/stream?topics=assignments");
        try (SseClient first = SseClient.connect(url, token);
                SseClient second = SseClient.connect(url, token)) {
            first.next(WAIT);
            second.next(WAIT);
            HttpResponse<String> third = stream.get("/v1/stream?topics=assignments", token);
            assertEquals(429, third.statusCode(), third.body());
            assertEquals("10", third.headers().firstValue("Retry-After").orElse(""));
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        int status;
        do {
            try (SseClient again = SseClient.connect(url, token)) {
                status = again.response().statusCode();
            }
        } while (status != 200 && System.nanoTime() < deadline);
        assertEquals(200, status, "slots come back when streams close");
    }

    @Test
    void expiredAndForgedTokensAreRefused() {
        String tenant = tenant();
        String expired = stream.token("t", tenant, Duration.ofMinutes(-1), "teacher");
        String forged =
                new DevTokens(DevTokens.randomSecret()).mint("t", tenant, List.of("teacher"), Duration.ofMinutes(5));
        for (String token : List.of(expired, forged)) {
            HttpResponse<String> response = stream.get("/v1/stream?topics=assignments", token);
            assertEquals(401, response.statusCode());
            assertEquals(
                    "Bearer realm=\"eventline\", error=\"invalid_token\"",
                    response.headers().firstValue("WWW-Authenticate").orElse(""));
        }
    }

    private static String tenant() {
        return "tenant-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
