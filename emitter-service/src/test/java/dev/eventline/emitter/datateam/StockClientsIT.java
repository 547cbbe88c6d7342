package dev.eventline.emitter.datateam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.emitter.EmitterHarness;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import dev.eventline.testkit.node.NodePackage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With the emitter writing Confluent's framing, a data team's stock Node clients decode the topics
 * given nothing but the broker's address and the emitter's registry URL: the example of {@code
 * schemas/examples/node} (kafkajs and Confluent's {@code @confluentinc/schemaregistry}, versions from
 * its lock file) runs as a data team would run it.
 */
@ExtendWith(KafkaBrokerExtension.class)
class StockClientsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLE = Path.of("..", "schemas", "examples", "node");

    @Test
    void kafkajsAndConfluentsRegistryClientDecodeWhatTheEmitterWrote(TestKafka kafka) throws Exception {
        assumeTrue(NodePackage.available(), "Node.js and npm run the data team's example (.ci/run installs them)");
        NodePackage example = NodePackage.install(EXAMPLE, Path.of("target", "node-example"));
        List<String> events = List.of(
                """
                {"type": "assignment.created", "recordId": "a-node-1",
                 "payload": {"title": "Fractions, part 3", "classId": "7b", "dueAt": "2026-12-09T09:00:00Z", "status": "PUBLISHED"}}""",
                """
                {"type": "file.progress", "recordId": "f-node-1", "audience": ["user:u-1"],
                 "payload": {"fileName": "essay.pdf", "status": "PROCESSING", "progress": 40, "stage": "EMBEDDING"}}""",
                """
                {"type": "assignment.deleted", "recordId": "a-node-1", "payload": {"reason": "duplicate"}}""");
        Map<String, String> typeById = new HashMap<>();
        NodePackage.Result read;
        try (EmitterHarness emitter = new EmitterHarness(kafka, Map.of("eventline.emitter.wire-format", "confluent"))) {
            for (String event : events) {
                HttpResponse<String> response = emitter.post(event, emitter.producerToken());
                assertEquals(201, response.statusCode(), response.body());
                JsonNode receipt = JSON.readTree(response.body());
                typeById.put(
                        receipt.get("eventId").asText(), receipt.get("type").asText());
            }
            read = example.run(
                    Duration.ofMinutes(3),
                    "read-topics.mjs",
                    kafka.bootstrapServers(),
                    emitter.url() + "/registry",
                    "assignments,files",
                    String.valueOf(events.size()));
        }

        assertEquals(0, read.exit(), read.stderr() + read.stdout());
        Map<String, JsonNode> byType = new HashMap<>();
        for (String line : read.lines()) {
            JsonNode printed = JSON.readTree(line);
            String eventId = printed.at("/event/envelope/eventId").asText();
            assertTrue(typeById.containsKey(eventId), "only what this test emitted is in Confluent's framing: " + line);
            assertEquals(typeById.get(eventId), printed.get("type").asText(), line);
            assertEquals(
                    typeById.get(eventId), printed.at("/event/envelope/type").asText(), line);
            byType.put(printed.get("type").asText(), printed);
        }
        assertEquals(typeById.size(), byType.size(), read.stdout() + read.stderr());

        JsonNode created = byType.get("assignment.created").get("event");
        assertEquals("Fractions, part 3", created.get("title").asText());
        assertEquals("PUBLISHED", created.get("status").asText());
        assertEquals(EmitterHarness.TENANT, created.at("/envelope/tenantId").asText());
        JsonNode progress = byType.get("file.progress").get("event");
        assertEquals(40, progress.get("progress").asInt());
        assertEquals("EMBEDDING", progress.get("stage").asText());
        assertEquals("user:u-1", progress.at("/envelope/audience/0").asText());
        assertEquals(
                "duplicate",
                byType.get("assignment.deleted").at("/event/reason").asText());
        assertEquals(
                "/tenants/" + EmitterHarness.TENANT + "/producers/producer-1",
                byType.get("assignment.deleted").get("source").asText());
    }
}
