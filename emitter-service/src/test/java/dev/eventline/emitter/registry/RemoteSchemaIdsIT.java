package dev.eventline.emitter.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.emitter.EmitterHarness;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.codec.SchemaIds;
import dev.eventline.schemas.registry.RemoteSchemaIds;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The external-registry client ({@link RemoteSchemaIds}) against a registry that speaks Confluent's
 * API: this emitter's own {@code /registry}, over real HTTP. Registering the catalog answers the ids
 * the registry holds (here the derived ones), looking up gives the same, and the read-only registry
 * refuses a schema that is not the catalog's with Confluent's 42205. {@code ExternalRegistryIT} does
 * the same against Apicurio where Docker runs.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteSchemaIdsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventSchemas SCHEMAS = EventSchemas.load();

    private EmitterHarness emitter;

    @BeforeAll
    void start(TestKafka kafka) {
        emitter = new EmitterHarness(kafka, Map.of());
    }

    @AfterAll
    void stop() {
        emitter.close();
    }

    @Test
    void registeringAndLookingUpTheCatalogAnswerTheRegistrysIds() {
        SchemaIds derived = SchemaIds.derived(SCHEMAS);
        for (RemoteSchemaIds.Mode mode : RemoteSchemaIds.Mode.values()) {
            RemoteSchemaIds remote = RemoteSchemaIds.connect(registry(), SCHEMAS, mode, null);
            for (Schema schema : SCHEMAS.all()) {
                int id = remote.idOf(schema);
                assertEquals(derived.idOf(schema), id, mode + " " + schema.getFullName());
                assertEquals(schema, remote.schemaOf(id).orElseThrow());
            }
            assertTrue(remote.schemaOf(7).isEmpty(), "an id nobody gave");
        }
    }

    @Test
    void theReadOnlyRegistryRefusesASchemaTheCatalogLacks() throws Exception {
        String foreign = "{\"type\":\"record\",\"name\":\"Intruder\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}";
        HttpResponse<String> refused = post(
                "/registry/subjects/assignments-dev.eventline.schemas.assignment.AssignmentChanged/versions",
                JSON.createObjectNode().put("schema", foreign).toString());
        assertEquals(422, refused.statusCode(), refused.body());
        assertEquals(42205, JSON.readTree(refused.body()).get("error_code").asInt());
        JsonNode mode = JSON.readTree(emitter.get("/registry/mode").body());
        assertEquals("READONLY", mode.get("mode").asText());

        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> RemoteSchemaIds.connect(
                        URI.create(emitter.url() + "/nowhere"), SCHEMAS, RemoteSchemaIds.Mode.LOOKUP, null));
        assertTrue(e.getMessage().contains("looking up"), e.getMessage());
    }

    private URI registry() {
        return URI.create(emitter.url() + "/registry");
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(emitter.url() + path))
                                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
