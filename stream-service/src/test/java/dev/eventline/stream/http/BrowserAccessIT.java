package dev.eventline.stream.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.infra.files.FileTrees;
import dev.eventline.schemas.catalog.TopicCatalog;
import dev.eventline.schemas.kafka.CatalogTopics;
import dev.eventline.stream.support.StreamHarness;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import dev.eventline.testkit.sse.SseClient;
import dev.eventline.testkit.token.TestIdentityProvider;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A web app on its own origin, as browsers see the stream service: CORS on every route it uses
 * (the direct writer's stream head included), tickets in a deployment that verifies tokens only against
 * an identity provider's key set, and a ticket stream that lasts as long as the token it was bought
 * with, not the ticket (ADR 0008).
 */
@ExtendWith(KafkaBrokerExtension.class)
class BrowserAccessIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String APP = "http://localhost:3000";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Map<String, Object> CORS = Map.of(
            "micronaut.server.cors.enabled",
            true,
            "micronaut.server.cors.configurations.browsers.allowed-origins",
            APP);

    @Test
    void anAllowedOriginGetsCorsHeadersOnEveryRouteAndOthersGetNone(TestKafka kafka) throws Exception {
        try (StreamHarness stream = new StreamHarness(kafka, CORS)) {
            String token = stream.token("teacher-1", "school-1", "teacher");
            HttpResponse<InputStream> preflight = send(HttpRequest.newBuilder(URI.create(stream.url("/v1/stream")))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", APP)
                    .header("Access-Control-Request-Method", "GET")
                    .header("Access-Control-Request-Headers", "authorization,last-event-id"));
            assertEquals(200, preflight.statusCode());
            assertCors(preflight, "preflight");

            for (String path : List.of(
                    "/v1/stream?topics=assignments",
                    "/v1/events?topics=assignments",
                    "/v1/snapshot?topics=assignments",
                    "/client/sse-client.js")) {
                HttpResponse<InputStream> allowed =
                        send(request(stream, path, token).header("Origin", APP));
                assertTrue(allowed.statusCode() < 300, path + ": " + allowed.statusCode());
                assertCors(allowed, path);
                HttpResponse<InputStream> other =
                        send(request(stream, path, token).header("Origin", "https://elsewhere.example"));
                assertFalse(
                        other.headers()
                                .firstValue("Access-Control-Allow-Origin")
                                .isPresent(),
                        path + " for a stranger");
            }
            HttpResponse<InputStream> ticket = send(request(stream, "/v1/stream/tickets", token)
                    .header("Origin", APP)
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals(201, ticket.statusCode());
            assertCors(ticket, "tickets");
        }
    }

    @Test
    void ticketsWorkWithOnlyAnIdentityProvidersKeysAndNoDevelopmentSecret(TestKafka kafka) throws Exception {
        CatalogTopics.ensure(kafka.bootstrapServers(), TopicCatalog.load(), (short) 1);
        Path state = Files.createTempDirectory("eventline-snapshot-test");
        try (TestIdentityProvider identityProvider = new TestIdentityProvider();
                EmbeddedServer server = ApplicationContext.run(
                        EmbeddedServer.class,
                        Map.of(
                                "micronaut.server.port", -1,
                                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                                "micronaut.security.token.jwt.signatures.jwks.idp.url", identityProvider.jwksUrl(),
                                "eventline.snapshot.instance-id", "jwks-" + UUID.randomUUID(),
                                "eventline.snapshot.state-dir", state.toString()))) {
            String token = identityProvider.mint("teacher-1", "school-1", List.of("teacher"), Duration.ofMinutes(10));
            String ticket = buyTicket(server.getURL().toString(), token);
            try (SseClient client =
                    SseClient.connect(server.getURL() + "/v1/stream?topics=assignments&ticket=" + ticket, null)) {
                assertEquals("connected", client.next(WAIT).event());
            }
        } finally {
            FileTrees.deleteQuietly(state);
        }
    }

    @Test
    void aTicketStreamLastsUntilItsTokenExpiresNotTheTicket(TestKafka kafka) throws Exception {
        try (StreamHarness stream = new StreamHarness(kafka, Map.of("eventline.stream.tickets.lifetime", "2s"))) {
            Duration tokenLife = Duration.ofSeconds(8);
            Instant tokenExpiry = Instant.now().plus(tokenLife);
            String token = stream.token("teacher-1", "school-1", tokenLife, "teacher");
            String ticket = buyTicket(stream.url(""), token);
            try (SseClient client =
                    SseClient.connect(stream.url("/v1/stream?topics=assignments&ticket=" + ticket), null)) {
                assertEquals("connected", client.next(WAIT).event());
                SseClient.Frame ended = client.next(WAIT);
                assertEquals("auth-expired", ended.event());
                assertTrue(
                        Instant.now().isAfter(tokenExpiry.minusSeconds(1)),
                        "the stream ended with its token, not 2 s after the ticket was bought");
            }
        }
    }

    private static String buyTicket(String baseUrl, String token) throws Exception {
        HttpResponse<String> issued = HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/v1/stream/tickets"))
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, issued.statusCode(), issued.body());
        return JSON.readTree(issued.body()).get("ticket").asText();
    }

    private static void assertCors(HttpResponse<?> response, String what) {
        assertEquals(
                APP,
                response.headers().firstValue("Access-Control-Allow-Origin").orElse(""),
                what);
        assertEquals(
                "true",
                response.headers()
                        .firstValue("Access-Control-Allow-Credentials")
                        .orElse(""),
                what);
        assertTrue(response.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Origin")), what + " varies");
    }

    private static HttpRequest.Builder request(StreamHarness stream, String path, String token) {
        return HttpRequest.newBuilder(URI.create(stream.url(path)))
                .header("Authorization", "Bearer " + token)
                .timeout(WAIT);
    }

    /** Sends and closes the body at once (a stream would never end). */
    private static HttpResponse<InputStream> send(HttpRequest.Builder request) throws Exception {
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response;
    }
}
