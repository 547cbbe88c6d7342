package dev.eventline.emitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.infra.token.DevTokens;
import dev.eventline.schemas.catalog.TopicCatalog;
import dev.eventline.schemas.kafka.CatalogTopics;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class EmitterHealthIT {

    @Test
    void healthReportsUpIncludingKafkaAndLoadedIdempotencyKeys(TestKafka kafka) {
        try (EmitterHarness emitter =
                new EmitterHarness(kafka, Map.of("endpoints.health.details-visible", "AUTHENTICATED"))) {
            HttpResponse<String> anonymous = emitter.get("/health");
            assertEquals("{\"status\":\"UP\"}", anonymous.body(), "no internals without a token");
            HttpResponse<String> health = emitter.get("/health", emitter.producerToken());
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
            assertTrue(health.body().contains("\"kafka\""), health.body());
            assertTrue(health.body().contains("\"keysLoaded\":true"), health.body());
            // The probes the Kubernetes manifests use (infra/deploy/k8s).
            assertEquals(200, emitter.get("/health/readiness").statusCode());
            assertEquals(200, emitter.get("/health/liveness").statusCode());
        }
    }

    @Test
    void startsWithoutTheDevelopmentKeyAndThenRefusesEveryToken(TestKafka kafka) throws Exception {
        CatalogTopics.ensure(kafka.bootstrapServers(), TopicCatalog.load(), (short) 1);
        try (EmbeddedServer server = ApplicationContext.run(
                EmbeddedServer.class,
                Map.of("micronaut.server.port", -1, "kafka.bootstrap.servers", kafka.bootstrapServers()))) {
            String token =
                    new DevTokens(DevTokens.randomSecret()).mint("p", "t", List.of("producer"), Duration.ofMinutes(5));
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/events"))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(EmitterHarness.assignment("x", "x")))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(401, response.statusCode(), response.body());
        }
    }

    @Test
    void prometheusExposesEmitMetrics(TestKafka kafka) {
        try (EmitterHarness emitter = new EmitterHarness(kafka, Map.of())) {
            emitter.post(EmitterHarness.assignment("m-1", "x"), emitter.producerToken());
            emitter.post("{}", emitter.producerToken());
            String metrics = emitter.get("/prometheus").body();
            assertTrue(
                    metrics.contains("eventline_emit_accepted_total{replayed=\"false\",type=\"assignment.created\"}"),
                    metrics);
            assertTrue(metrics.contains("eventline_emit_latency_seconds_bucket"), metrics);
            assertTrue(metrics.contains("eventline_emit_in_flight"), metrics);
        }
    }
}
