package dev.eventline.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.infra.kafka.FreePorts;
import dev.eventline.infra.token.DevTokens;
import dev.eventline.schemas.catalog.TopicCatalog;
import dev.eventline.schemas.kafka.CatalogTopics;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import dev.eventline.testkit.sse.SseClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stream service with a schema registry to look ids up in (ADR 0015), both jars as a deployment
 * runs them: the emitter writes Confluent's framing, the stream service is given a registry URL (the
 * emitter's own Confluent-compatible API, the one registry these machines can run) and resolves every
 * value's id there at start-up, then streams and snapshots the events as usual.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ExternalRegistryPathIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theStreamReadsConfluentFramedValuesThroughARegistry(TestKafka kafka) throws Exception {
        CatalogTopics.ensure(kafka.bootstrapServers(), TopicCatalog.load(), (short) 1);
        String secret = DevTokens.randomSecret();
        DevTokens tokens = new DevTokens(secret);
        String tenant = "t-registry";
        try (PlatformProcesses platform = new PlatformProcesses(
                kafka.bootstrapServers(),
                secret,
                FreePorts.next(),
                Map.of("EVENTLINE_EMITTER_WIRE_FORMAT", "confluent"))) {
            platform.stopStream();
            platform.startStream(Map.of("EVENTLINE_SCHEMA_REGISTRY_URL", platform.emitterUrl() + "/registry"));
            String teacher = tokens.mint("teacher-1", tenant, List.of("teacher"), Duration.ofMinutes(10));
            EmitClient producer = new EmitClient(
                    platform.emitterUrl(), tokens.mint("lms", tenant, List.of("producer"), Duration.ofMinutes(10)));

            try (SseClient stream =
                    SseClient.connect(platform.streamUrl() + "/v1/stream?topics=assignments", teacher)) {
                stream.next(WAIT);
                HttpResponse<String> written = producer.assignment("a-framed");
                assertEquals(201, written.statusCode(), written.body());
                SseClient.Frame event = stream.next(WAIT);
                assertEquals("assignment.created", event.event());
                assertEquals(
                        "a-framed",
                        JSON.readTree(event.data()).at("/payload/title").asText());
            }
            HttpResponse<String> snapshot = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(platform.streamUrl() + "/v1/snapshot?topics=assignments"))
                                    .header("Authorization", "Bearer " + teacher)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, snapshot.statusCode(), snapshot.body());
            JsonNode records = JSON.readTree(snapshot.body()).get("records");
            assertTrue(records.toString().contains("a-framed"), snapshot.body());
        }
    }
}
