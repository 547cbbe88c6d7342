package dev.eventline.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.infra.token.DevTokens;
import dev.eventline.schemas.catalog.TopicCatalog;
import dev.eventline.schemas.kafka.CatalogTopics;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.ServiceTestProperties;
import dev.eventline.testkit.kafka.TestKafka;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBrokerExtension.class)
class StreamHealthIT {

    @Test
    void healthReportsUpIncludingKafka(TestKafka kafka, @TempDir Path state) throws Exception {
        // Without its topics the snapshot store has nothing to serve, and readiness says so.
        CatalogTopics.ensure(kafka.bootstrapServers(), TopicCatalog.load(), (short) 1);
        String secret = DevTokens.randomSecret();
        Map<String, Object> properties = ServiceTestProperties.against(
                kafka,
                secret,
                Map.of(
                        "endpoints.health.details-visible",
                        "AUTHENTICATED",
                        "eventline.snapshot.state-dir",
                        state.toString()));
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
            // Ready once Kafka answers and the snapshot stores serve: a moment after start.
            HttpResponse<String> anonymous;
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            do {
                Thread.sleep(100);
                anonymous = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(server.getURL() + "/health"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
            } while (anonymous.statusCode() != 200 && System.nanoTime() < deadline);
            assertEquals("{\"status\":\"UP\"}", anonymous.body(), "no internals without a token");
            String token = new DevTokens(secret).mint("u", "t", List.of("teacher"), Duration.ofMinutes(5));
            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(server.getURL() + "/health"))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
            assertTrue(health.body().contains("\"kafka\""), health.body());
            // The probes the Kubernetes manifests use (infra/deploy/k8s).
            for (String probe : List.of("/health/readiness", "/health/liveness")) {
                assertEquals(
                        200,
                        HttpClient.newHttpClient()
                                .send(
                                        HttpRequest.newBuilder(URI.create(server.getURL() + probe))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode(),
                        probe);
            }
        }
    }
}
