package dev.eventline.stream.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.stream.support.StreamHarness;
import dev.eventline.testkit.hostile.HostileTokens;
import dev.eventline.testkit.hostile.Problems;
import dev.eventline.testkit.hostile.RawHttp;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The read API under hostile input: stream, pages and snapshot with malformed parameters, cursors and
 * tokens, raw HTTP that no client should send. Every answer a problem+json 4xx, never a 5xx; the
 * service stays healthy.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PATHS = List.of("/v1/stream", "/v1/events", "/v1/snapshot");
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private StreamHarness stream;
    private String token;

    @BeforeAll
    void start(TestKafka kafka) {
        stream = new StreamHarness(kafka, Map.of("eventline.http.request-head-timeout", "1s"));
        token = stream.token("teacher-1", "school-1", "teacher");
    }

    @AfterAll
    void stop() {
        stream.close();
    }

    @AfterEach
    void stillHealthy() throws Exception {
        assertEquals(200, send(request("/health").build()).statusCode());
    }

    @Test
    void malformedParametersAreRefusedOnEveryReadPath() throws Exception {
        for (String path : PATHS) {
            for (String query : badQueries(path)) {
                Problems.assertProblem(
                        send(request(path + "?" + query)
                                .header("Authorization", "Bearer " + token)
                                .build()),
                        path + "?" + query);
            }
        }
    }

    @Test
    void pathologicalCursorsAreRefused() throws Exception {
        List<String> cursors = List.of(
                "v1~",
                "v1~~~",
                "v1~a",
                "v1~assignments.1-",
                "v1~assignments.-1",
                "v1~assignments.999999-1",
                "v1~assignments.1-zzzzzzzzzzzzzz",
                "v1~ASSIGNMENTS.1-1",
                "v1~assignments.1-1~assignments.1-1",
                "v1~assignments" + ".1-1".repeat(1_000),
                "v1" + "~assignments.1-1".repeat(300),
                "v1~assignments" + ".1-1".repeat(1_023),
                "v1~assignments.0-\u0661",
                "x".repeat(5_000));
        for (String cursor : cursors) {
            String query = "topics=assignments&last_event_id=" + encode(cursor);
            Problems.assertProblem(
                    send(request("/v1/stream?" + query)
                            .header("Authorization", "Bearer " + token)
                            .build()),
                    cursor);
            Problems.assertProblem(
                    send(request("/v1/stream?topics=assignments")
                            .header("Authorization", "Bearer " + token)
                            .header("Last-Event-ID", cursor.replaceAll("[^\\x21-\\x7e]", "?"))
                            .build()),
                    "header " + cursor);
            Problems.assertProblem(
                    send(request("/v1/events?topics=assignments&after=" + encode(cursor))
                            .header("Authorization", "Bearer " + token)
                            .build()),
                    "after " + cursor);
        }
    }

    @Test
    void everyRefusedTokenGets401AndAnInvalidHeaderNeverFallsBackToTheCookie() throws Exception {
        Map<String, String> tokens = HostileTokens.refused(stream.secret(), "school-1", List.of("teacher"));
        for (Map.Entry<String, String> hostile : tokens.entrySet()) {
            for (String path : List.of("/v1/events?topics=assignments", "/v1/snapshot?topics=assignments")) {
                HttpResponse<String> response = send(request(path)
                        .header("Authorization", "Bearer " + hostile.getValue())
                        .build());
                assertEquals(401, response.statusCode(), hostile.getKey() + " on " + path + ": " + response.body());
            }
        }
        HttpResponse<String> fallback = send(request("/v1/events?topics=assignments")
                .header("Authorization", "Bearer forged")
                .header("Cookie", "eventline_token=" + token)
                .build());
        assertEquals(401, fallback.statusCode(), "an invalid header must not fall back to the cookie");
    }

    @Test
    void aTicketIsNoBearerTokenAndDiesWithItsToken() throws Exception {
        String shortToken = stream.token("teacher-1", "school-1", Duration.ofSeconds(2), "teacher");
        String ticket = JSON.readTree(send(request("/v1/stream/tickets")
                                .header("Authorization", "Bearer " + shortToken)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build())
                        .body())
                .get("ticket")
                .asText();
        assertEquals(
                401,
                send(request("/v1/snapshot?topics=assignments")
                                .header("Authorization", "Bearer " + ticket)
                                .build())
                        .statusCode());
        assertEquals(
                401,
                send(request("/v1/stream/tickets")
                                .header("Authorization", "Bearer " + ticket)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build())
                        .statusCode());
        Thread.sleep(3_000);
        assertEquals(
                401,
                send(request("/v1/stream?topics=assignments&ticket=" + ticket).build())
                        .statusCode());
    }

    @Test
    void headOnTheStreamOpensNothing() throws Exception {
        HttpResponse<String> head = send(request("/v1/stream?topics=assignments")
                .header("Authorization", "Bearer " + token)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
        assertEquals(405, head.statusCode());
    }

    @Test
    void rawRequestsNoClientShouldSendAreRefused() throws Exception {
        RawHttp raw = new RawHttp(URI.create(stream.url("")));
        String smuggling = raw.exchange(
                "POST /v1/stream/tickets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                        + "\r\nTransfer-Encoding: xchunked\r\n\r\nGET /health HTTP/1.1\r\nHost: x\r\n\r\n",
                Duration.ofSeconds(5));
        assertEquals(List.of(400), RawHttp.statuses(smuggling), smuggling);
        for (String head : List.of(
                "GARBAGE\r\n\r\n",
                "GET /v1/stream?topics=assignments HTTP/1.1\r\nHost: x\r\nX: " + "a".repeat(20_000) + "\r\n\r\n",
                "GET /v1/stream?" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n")) {
            for (int status : RawHttp.statuses(raw.exchange(head, Duration.ofSeconds(5)))) {
                assertTrue(
                        status >= 400 && status < 500, head.substring(0, Math.min(40, head.length())) + ": " + status);
            }
        }
        RawHttp.Outcome slow =
                raw.stall("GET /v1/stream?topics=assignments HTTP/1.1\r\nHost: x\r\n", Duration.ofSeconds(5));
        assertTrue(slow.closed());
        assertEquals(List.of(408), RawHttp.statuses(slow.received()));
    }

    @Test
    void managementEndpointsAreOffAndPagesCarrySecurityHeaders() throws Exception {
        for (String path : List.of("/beans", "/routes", "/info", "/threaddump", "/env", "/loggers")) {
            assertEquals(
                    404,
                    send(request(path)
                                    .header("Authorization", "Bearer " + token)
                                    .build())
                            .statusCode(),
                    path);
        }
        String health = send(request("/health").build()).body();
        assertFalse(
                health.contains("clusterId") || health.contains("brokerId") || health.contains("diskSpace"), health);
        HttpResponse<String> demo = send(request("/demo/index.html").build());
        assertEquals(200, demo.statusCode());
        assertTrue(
                demo.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));
        assertEquals(
                "nosniff", demo.headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    private static List<String> badQueries(String path) {
        List<String> queries = new ArrayList<>(List.of(
                "",
                "topics=",
                "topics=,,,",
                "topics=" + "a".repeat(5_000),
                "topics="
                        + String.join(",", java.util.Collections.nCopies(21, "t"))
                                .replace("t", "assignments")
                        + ",x1,x2,x3,x4,x5,x6,x7,x8,x9,x10,x11,x12,x13,x14,x15,x16,x17,x18,x19,x20",
                "topics=no-such-topic",
                "topics=" + encode("../../etc"),
                "topics=" + encode("assign\u0000ments"),
                "topics=assignments&types=" + typeList(60),
                "topics=assignments&record=" + "r".repeat(300),
                "topics=assignments&record=" + encode("a\u0000b")));
        if (!path.equals("/v1/snapshot")) {
            for (String since : List.of(
                    "1900-01-01T00:00:00Z",
                    "+1000000000-12-31T23:59:59Z",
                    "-1",
                    "99999999999999999999",
                    "9223372036854775807",
                    "abc",
                    "2026-13-01T00:00:00Z")) {
                queries.add("topics=assignments&since=" + encode(since));
            }
        }
        if (path.equals("/v1/stream")) {
            queries.add("topics=assignments&heartbeat=loud");
        }
        if (path.equals("/v1/events")) {
            queries.add("topics=assignments&limit=-1");
            queries.add("topics=assignments&limit=999999999999");
            queries.add("topics=assignments&limit=abc");
        }
        return queries;
    }

    private static String typeList(int count) {
        StringBuilder types = new StringBuilder();
        for (int i = 0; i < count; i++) {
            types.append(i == 0 ? "" : ",").append("type").append(i);
        }
        return types.toString();
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(stream.url(pathAndQuery))).timeout(Duration.ofSeconds(15));
    }

    /** The answer; an open stream (2xx) is closed at once, its body read as empty. */
    private HttpResponse<String> send(HttpRequest request) throws Exception {
        HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        String body;
        try (java.io.InputStream in = response.body()) {
            boolean stream =
                    response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
            body = stream ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new StringResponse(response, body);
    }

    private record StringResponse(HttpResponse<java.io.InputStream> response, String body)
            implements HttpResponse<String> {

        @Override
        public int statusCode() {
            return response.statusCode();
        }

        @Override
        public HttpRequest request() {
            return response.request();
        }

        @Override
        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return response.headers();
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return response.sslSession();
        }

        @Override
        public URI uri() {
            return response.uri();
        }

        @Override
        public HttpClient.Version version() {
            return response.version();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
