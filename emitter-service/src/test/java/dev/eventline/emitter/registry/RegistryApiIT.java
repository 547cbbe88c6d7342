package dev.eventline.emitter.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.emitter.EmitterHarness;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.codec.SchemaIds;
import dev.eventline.schemas.evolution.ReleasedSchemas;
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

/** The registry API over real HTTP, as Confluent's clients call it: no token, their media type. */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RECORD = "dev.eventline.schemas.assignment.AssignmentChanged";
    private static final String SUBJECT = "assignments-" + RECORD;
    private static final String REGISTRY_TYPE = "application/vnd.schemaregistry.v1+json";

    private final HttpClient http = HttpClient.newHttpClient();
    private final Schema v1 = ReleasedSchemas.load().versionsOf(RECORD).get(0);
    private final Schema v2 = ReleasedSchemas.load().versionsOf(RECORD).get(1);
    private final SchemaIds ids = SchemaIds.derived(EventSchemas.load());
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
    void subjectsVersionsAndSchemasAnswerWithoutATokenInTheRegistrysMediaType() throws Exception {
        HttpResponse<String> subjects = get("/registry/subjects");
        assertEquals(200, subjects.statusCode(), subjects.body());
        assertEquals(
                REGISTRY_TYPE, subjects.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(JSON.readTree(subjects.body()).toString().contains("\"" + SUBJECT + "\""), subjects.body());

        assertEquals("[1,2]", get("/registry/subjects/" + SUBJECT + "/versions").body());

        JsonNode latest = JSON.readTree(
                get("/registry/subjects/" + SUBJECT + "/versions/latest").body());
        assertEquals(SUBJECT, latest.get("subject").asText());
        assertEquals(2, latest.get("version").asInt());
        assertEquals(ids.idOf(v2), latest.get("id").asInt());
        assertEquals(v2, new Schema.Parser().parse(latest.get("schema").asText()));

        JsonNode byId =
                JSON.readTree(get("/registry/schemas/ids/" + ids.idOf(v1)).body());
        assertEquals(v1, new Schema.Parser().parse(byId.get("schema").asText()));
        assertEquals(
                v1,
                new Schema.Parser()
                        .parse(get("/registry/schemas/ids/" + ids.idOf(v1) + "/schema")
                                .body()));
        assertEquals(
                v1,
                new Schema.Parser()
                        .parse(get("/registry/subjects/" + SUBJECT + "/versions/1/schema")
                                .body()));
        assertEquals(
                "FULL_TRANSITIVE",
                JSON.readTree(get("/registry/config").body())
                        .get("compatibilityLevel")
                        .asText());
        assertEquals("[\"AVRO\"]", get("/registry/schemas/types").body());
    }

    @Test
    void lookupBySchemaFindsTheVersionThatIsIt() throws Exception {
        HttpResponse<String> found = post("/registry/subjects/" + SUBJECT, schemaBody(v1.toString()));

        assertEquals(200, found.statusCode(), found.body());
        JsonNode version = JSON.readTree(found.body());
        assertEquals(1, version.get("version").asInt());
        assertEquals(ids.idOf(v1), version.get("id").asInt());
    }

    @Test
    void whatIsMissingOrWrongGetsConfluentsErrorCodeInAProblemBody() throws Exception {
        assertError(get("/registry/subjects/assignments-value/versions"), 404, 40401);
        assertError(get("/registry/subjects/" + SUBJECT + "/versions/9"), 404, 40402);
        assertError(get("/registry/subjects/" + SUBJECT + "/versions/first"), 422, 42202);
        assertError(get("/registry/schemas/ids/12345"), 404, 40403);
        assertError(get("/registry/schemas/ids/not-a-number"), 404, 40403);
        String fileProgress = EventSchemas.load()
                .current("dev.eventline.schemas.file.FileProgress")
                .orElseThrow()
                .toString();
        assertError(post("/registry/subjects/" + SUBJECT, schemaBody(fileProgress)), 404, 40403);
        assertError(post("/registry/subjects/" + SUBJECT, schemaBody("{\"type\": \"recrod\"}")), 422, 42201);
        assertError(post("/registry/subjects/" + SUBJECT, "{\"schema\": "), 400, 400);
        assertError(
                post("/registry/subjects/" + SUBJECT, "{\"schemaType\": \"PROTOBUF\", \"schema\": \"x\"}"), 422, 42201);
    }

    private static void assertError(HttpResponse<String> response, int status, int code) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(
                "application/problem+json",
                response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode body = JSON.readTree(response.body());
        assertEquals(code, body.get("error_code").asInt(), response.body());
        assertEquals(status, body.get("status").asInt());
        assertTrue(body.get("type").asText().startsWith("urn:eventline:problem:"), response.body());
        assertEquals(body.get("detail").asText(), body.get("message").asText());
    }

    private static String schemaBody(String schema) {
        return JSON.createObjectNode().put("schema", schema).toString();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(emitter.url() + path))
                        .header("Accept", REGISTRY_TYPE)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(emitter.url() + path))
                        .header("Content-Type", REGISTRY_TYPE)
                        .header("Accept", REGISTRY_TYPE)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
