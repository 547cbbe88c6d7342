package dev.eventline.stream.support;

import dev.eventline.infra.files.FileTrees;
import dev.eventline.infra.token.DevTokens;
import dev.eventline.schemas.catalog.TopicCatalog;
import dev.eventline.schemas.kafka.CatalogTopics;
import dev.eventline.testkit.kafka.ServiceTestProperties;
import dev.eventline.testkit.kafka.TestEvents;
import dev.eventline.testkit.kafka.TestKafka;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A running stream-service on the test broker, with development tokens. */
public final class StreamHarness implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final TestKafka kafka;
    private final String secret;
    private final Map<String, Object> extra;
    private final HttpClient http;
    private final List<Object> beans;
    private EmbeddedServer server;
    private Path stateDir;
    private TestEvents events;

    public StreamHarness(TestKafka kafka, Map<String, Object> extra) {
        this(kafka, DevTokens.randomSecret(), extra);
    }

    public StreamHarness(TestKafka kafka, String secret, Map<String, Object> extra) {
        this(
                kafka,
                secret,
                extra,
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
    }

    /** A harness whose {@link #get} goes through {@code http} (HTTP/2 tests pass theirs). */
    public StreamHarness(TestKafka kafka, Map<String, Object> extra, HttpClient http) {
        this(kafka, DevTokens.randomSecret(), extra, http);
    }

    private StreamHarness(TestKafka kafka, String secret, Map<String, Object> extra, HttpClient http) {
        this(kafka, secret, extra, http, List.of());
    }

    /** A harness whose application also holds {@code beans} (an in-memory span exporter, say). */
    public StreamHarness(TestKafka kafka, Map<String, Object> extra, List<Object> beans) {
        this(
                kafka,
                DevTokens.randomSecret(),
                extra,
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                beans);
    }

    private StreamHarness(
            TestKafka kafka, String secret, Map<String, Object> extra, HttpClient http, List<Object> beans) {
        this.beans = List.copyOf(beans);
        this.kafka = kafka;
        this.secret = secret;
        this.extra = extra;
        this.http = http;
        CatalogTopics.ensure(kafka.bootstrapServers(), TopicCatalog.load(), (short) 1);
        start();
    }

    public void start() {
        Map<String, Object> properties = new HashMap<>();
        // Each harness is its own snapshot application unless a test names one (restart tests).
        properties.put("eventline.snapshot.instance-id", "test-" + UUID.randomUUID());
        if (!extra.containsKey("eventline.snapshot.state-dir")) {
            // The stores' RocksDB files go to a folder of the harness's own, deleted with it.
            properties.put("eventline.snapshot.state-dir", stateDir().toString());
        }
        properties.putAll(extra);
        server = ApplicationContext.builder()
                .properties(ServiceTestProperties.against(kafka, secret, properties))
                .singletons(beans.toArray())
                .start()
                .getBean(EmbeddedServer.class)
                .start();
        awaitReady();
    }

    /** Until {@code /health} is UP: Kafka reachable and, when snapshots are on, their stores serving. */
    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        HttpResponse<String> health;
        while ((health = get("/health", null)).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("stream-service not ready: " + health.body());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public void stop() {
        server.close();
    }

    /** Stops the service as SIGTERM does: the application context closes, with its graceful drain. */
    public void shutdown() {
        server.getApplicationContext().close();
    }

    /** A producer of test events to the same broker, closed with this harness. */
    public TestEvents events() {
        if (events == null) {
            events = new TestEvents(kafka);
        }
        return events;
    }

    /** A bean of the running service, for tests of one component inside the real application. */
    public <T> T bean(Class<T> type) {
        return server.getApplicationContext().getBean(type);
    }

    public String secret() {
        return secret;
    }

    /** The port the service listens on. */
    public int port() {
        return server.getPort();
    }

    public String url(String pathAndQuery) {
        return server.getURL() + pathAndQuery;
    }

    public String token(String user, String tenant, String... roles) {
        return new DevTokens(secret).mint(user, tenant, List.of(roles), Duration.ofMinutes(10));
    }

    /** A token whose groups claim names {@code groups}. */
    public String token(String user, String tenant, List<String> groups, String... roles) {
        return new DevTokens(secret).mint(user, tenant, List.of(roles), groups, Duration.ofMinutes(10));
    }

    public String token(String user, String tenant, Duration lifetime, String... roles) {
        return new DevTokens(secret).mint(user, tenant, List.of(roles), lifetime);
    }

    public HttpResponse<String> get(String pathAndQuery, String token) {
        return send(HttpRequest.newBuilder(URI.create(url(pathAndQuery))), token);
    }

    /** A POST without a body (buying a stream ticket, say). */
    public HttpResponse<String> post(String pathAndQuery, String token) {
        return send(
                HttpRequest.newBuilder(URI.create(url(pathAndQuery))).POST(HttpRequest.BodyPublishers.noBody()), token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (events != null) {
            events.close();
        }
        server.close();
        if (stateDir != null) {
            FileTrees.deleteQuietly(stateDir);
        }
    }

    private Path stateDir() {
        if (stateDir == null) {
            try {
                stateDir = Files.createTempDirectory("eventline-snapshot-test");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return stateDir;
    }
}
