package dev.eventline.emitter;

import dev.eventline.infra.token.DevTokens;
import dev.eventline.schemas.catalog.TopicCatalog;
import dev.eventline.schemas.kafka.CatalogTopics;
import dev.eventline.testkit.kafka.ServiceTestProperties;
import dev.eventline.testkit.kafka.TestKafka;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A running emitter-service on the test broker, and an HTTP client with development tokens. */
public final class EmitterHarness implements AutoCloseable {

    public static final String TENANT = "tenant-a";

    private final HttpClient http;
    private final TestKafka kafka;
    private final String secret;
    private final Map<String, Object> extra;
    private final List<Object> beans;
    private EmbeddedServer server;

    public EmitterHarness(TestKafka kafka, Map<String, Object> extra) {
        this(
                kafka,
                extra,
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
    }

    /** A harness whose requests go through {@code http} (HTTP/2 tests pass theirs). */
    public EmitterHarness(TestKafka kafka, Map<String, Object> extra, HttpClient http) {
        this(kafka, extra, http, List.of());
    }

    /** A harness whose application also holds {@code beans} (an in-memory span exporter, say). */
    public EmitterHarness(TestKafka kafka, Map<String, Object> extra, List<Object> beans) {
        this(
                kafka,
                extra,
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                beans);
    }

    private EmitterHarness(TestKafka kafka, Map<String, Object> extra, HttpClient http, List<Object> beans) {
        this.beans = List.copyOf(beans);
        this.http = http;
        this.kafka = kafka;
        this.secret = DevTokens.randomSecret();
        this.extra = extra;
        CatalogTopics.ensure(kafka.bootstrapServers(), TopicCatalog.load(), (short) 1);
        start();
    }

    /** Starts (again) the service; keys and data survive in Kafka. */
    public void start() {
        server = ApplicationContext.builder()
                .properties(ServiceTestProperties.against(kafka, secret, extra))
                .singletons(beans.toArray())
                .start()
                .getBean(EmbeddedServer.class)
                .start();
        awaitHealthy();
    }

    /** Stops the service, as a restart would. */
    public void stop() {
        server.close();
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    /** The development secret the service verifies tokens with. */
    public String secret() {
        return secret;
    }

    /** The service's base URL. */
    public URI url() {
        return URI.create(server.getURL().toString());
    }

    public DevTokens tokens() {
        return new DevTokens(secret);
    }

    public String producerToken() {
        return tokens().mint("producer-1", TENANT, List.of("producer"), Duration.ofMinutes(10));
    }

    public HttpResponse<String> post(String body, String token, String... headers) {
        return postAs("application/json", body, token, headers);
    }

    public HttpResponse<String> postAs(String contentType, String body, String token, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/events"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).build());
    }

    public HttpResponse<String> get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Authorization", "Bearer " + token)
                .build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitHealthy() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (get("/health").statusCode() == 200) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("emitter not healthy: " + get("/health").body());
    }

    @Override
    public void close() {
        server.close();
    }

    /** A valid assignment.created event for record {@code recordId}. */
    public static String assignment(String recordId, String title) {
        return """
                {"type": "assignment.created", "recordId": "%s",
                 "payload": {"title": "%s", "classId": "7b", "dueAt": "2026-12-01T09:00:00Z", "status": "PUBLISHED"}}"""
                .formatted(recordId, title);
    }
}
