package dev.eventline.emitter.datateam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.emitter.EmitterHarness;
import dev.eventline.emitter.TopicReader;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.catalog.EventTypeSpec;
import dev.eventline.schemas.catalog.TopicSpec;
import dev.eventline.schemas.codec.EventCodec;
import dev.eventline.schemas.json.EventJson;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import dev.eventline.testkit.node.NodePackage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The generated documents the emitter serves, checked with stock tools: the AsyncAPI document by the
 * AsyncAPI initiative's parser (with its Avro schema parser, which parses every Avro payload), and
 * the events' JSON Schemas by Ajv against every catalog example as emitted and as readers get it.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsyncApiContractIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CHECK = Path.of("..", "schemas", "asyncapi-check");
    private static final Path WORK = Path.of("target", "asyncapi-check");

    private final EventSchemas schemas = EventSchemas.load();
    private EmitterHarness emitter;
    private NodePackage check;

    @BeforeAll
    void start(TestKafka kafka) {
        assumeTrue(NodePackage.available(), "Node.js and npm run the AsyncAPI parser (.ci/run installs them)");
        check = NodePackage.install(CHECK, WORK);
        emitter = new EmitterHarness(kafka, Map.of());
    }

    @AfterAll
    void stop() {
        if (emitter != null) {
            emitter.close();
        }
    }

    @Test
    void theServedAsyncApiDocumentIsValidWithEveryChannelAndMessage() throws Exception {
        HttpResponse<String> served = emitter.get("/asyncapi/eventline.yaml");
        assertEquals(200, served.statusCode());
        Path document = WORK.resolve("eventline.yaml");
        Files.writeString(document, served.body());

        NodePackage.Result result = check.run(
                Duration.ofMinutes(2), "validate.mjs", document.toAbsolutePath().toString());

        assertEquals(0, result.exit(), result.stdout() + result.stderr());
        int types = schemas.catalog().eventTypes().size();
        int topics = schemas.catalog().topics().size();
        String expected = "errors 0 warnings 0 channels " + (topics + 1) + " messages " + (2 * types + 5) + " avro "
                + types + " operations " + (topics + 1);
        assertTrue(result.stdout().contains(expected), expected + " in " + result.stdout());
    }

    @Test
    void aBrokenDocumentIsRefusedSayingWhatIsWrong() throws Exception {
        String served = emitter.get("/asyncapi/eventline.yaml").body();
        Path broken = WORK.resolve("broken.yaml");
        Files.writeString(
                broken, served.replace("#/components/messages/kafka.file.progress", "#/components/messages/nope"));

        NodePackage.Result result = check.run(
                Duration.ofMinutes(2), "validate.mjs", broken.toAbsolutePath().toString());

        assertEquals(1, result.exit(), result.stdout() + result.stderr());
        assertTrue(result.stdout().contains("nope"), result.stdout());
    }

    @Test
    void everyCatalogExampleMatchesItsJsonSchemaAsEmittedAndAsRead(TestKafka kafka) throws Exception {
        HttpResponse<String> served = emitter.get("/jsonschema/events.json");
        assertEquals(200, served.statusCode());
        Path schemaFile = WORK.resolve("events.json");
        Files.writeString(schemaFile, served.body());

        ArrayNode emits = JSON.createArrayNode();
        List<String> types = new ArrayList<>();
        for (TopicSpec topic : schemas.catalog().topics()) {
            for (EventTypeSpec type : topic.events()) {
                ObjectNode emit = ((ObjectNode) type.example().deepCopy()).put("type", type.type());
                emits.add(emit);
                types.add(type.type());
            }
        }
        HttpResponse<String> written = emitter.post(emits.toString(), emitter.producerToken());
        assertEquals(201, written.statusCode(), written.body());

        ArrayNode samples = JSON.createArrayNode();
        JsonNode receipts = JSON.readTree(written.body()).get("results");
        EventCodec codec = new EventCodec(schemas);
        for (int i = 0; i < types.size(); i++) {
            JsonNode receipt = receipts.get(i);
            ConsumerRecord<String, byte[]> record = TopicReader.readFrom(
                            kafka,
                            receipt.get("topic").asText(),
                            receipt.get("partition").asInt(),
                            receipt.get("offset").asLong())
                    .get(0);
            GenericRecord decoded = codec.decode(record.value());
            JsonNode read = JSON.readTree(EventJson.write(record.topic(), decoded));
            sample(samples, "emit." + types.get(i), emits.get(i), true);
            sample(samples, "EmitRequest", emits.get(i), true);
            sample(samples, types.get(i), read, true);
            sample(samples, "Event", read, true);
        }
        JsonNode first = emits.get(0);
        sample(samples, "emit." + types.get(0), ((ObjectNode) first.deepCopy()).put("unknown", 1), false);
        sample(samples, "emit." + types.get(0), ((ObjectNode) first.deepCopy()).put("type", types.get(1)), false);
        ObjectNode badEnum = (ObjectNode) first.deepCopy();
        ((ObjectNode) badEnum.get("payload")).put("status", "NO_SUCH_STATUS");
        sample(samples, "emit." + types.get(0), badEnum, false);
        ObjectNode noRecordId = (ObjectNode) first.deepCopy();
        noRecordId.remove("recordId");
        sample(samples, "EmitRequest", noRecordId, false);
        Path samplesFile = WORK.resolve("samples.json");
        Files.writeString(samplesFile, samples.toString());

        NodePackage.Result result = check.run(
                Duration.ofMinutes(2),
                "check-json-schemas.mjs",
                schemaFile.toAbsolutePath().toString(),
                samplesFile.toAbsolutePath().toString());

        assertEquals(0, result.exit(), result.stdout() + result.stderr());
        assertTrue(result.stdout().contains("samples " + samples.size() + " wrong 0"), result.stdout());
    }

    private static void sample(ArrayNode samples, String schema, JsonNode instance, boolean valid) {
        samples.addObject().put("schema", schema).put("valid", valid).set("instance", instance);
    }
}
