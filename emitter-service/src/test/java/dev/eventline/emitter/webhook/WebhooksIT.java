package dev.eventline.emitter.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.emitter.EmitterHarness;
import dev.eventline.emitter.TopicReader;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.codec.EventCodec;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;

/**
 * Database-change webhooks over real HTTP into a real broker: a signed INSERT, UPDATE or DELETE of a
 * mapped table becomes its catalog event with the row's tenant and audience; a redelivery is the same
 * event; a bad signature is 401, an unknown source 404, a body that is no change 400, an unmapped table
 * or an unusable row 422.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhooksIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final EventCodec CODEC = new EventCodec(EventSchemas.load());
    private static final String SECRET = "lms-db-webhook-secret-0123456789";
    private static final String SOURCES =
            """
            {"sources": {"lms-db": {
               "secret": "%s",
               "tenantColumn": "school_id",
               "tables": {"public.assignments": {
                  "events": "assignment", "recordId": "id", "version": "updated_at",
                  "fields": {"classId": "class_id", "dueAt": "due_at"},
                  "audience": ["group:class:{class_id}"]}}}}}"""
                    .formatted(SECRET);

    private EmitterHarness emitter;
    private TestKafka kafka;

    @BeforeAll
    void start(TestKafka kafka) {
        this.kafka = kafka;
        emitter = new EmitterHarness(kafka, Map.of("eventline.emitter.webhooks.json", SOURCES));
    }

    @AfterAll
    void stop() {
        emitter.close();
    }

    @Test
    void anInsertBecomesTheCreatedEventOfTheRowsTenantAndAudience() throws Exception {
        HttpResponse<String> written = send("lms-db", change("INSERT", "a-100", "v1"), null);
        assertEquals(201, written.statusCode(), written.body());

        ConsumerRecord<String, byte[]> record = read(written);
        GenericRecord event = CODEC.decode(record.value());
        GenericRecord envelope = (GenericRecord) event.get("envelope");
        assertEquals("assignment.created", envelope.get("type").toString());
        assertEquals("school-9", envelope.get("tenantId").toString());
        assertEquals("a-100", envelope.get("recordId").toString());
        assertEquals("webhook:lms-db", envelope.get("emittedBy").toString());
        assertEquals("[group:class:7b]", envelope.get("audience").toString());
        assertEquals("7b", event.get("classId").toString(), "class_id mapped to classId");
        assertEquals("Fractions", event.get("title").toString(), "title taken by its own name");
    }

    @Test
    void aRedeliveredChangeIsTheSameEventAndANewVersionIsANewOne() throws Exception {
        String body = change("UPDATE", "a-200", "v1");
        HttpResponse<String> first = send("lms-db", body, null);
        HttpResponse<String> again = send("lms-db", body, null);
        assertEquals(201, again.statusCode(), again.body());
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(""));
        assertEquals(offset(first), offset(again));

        HttpResponse<String> next = send("lms-db", change("UPDATE", "a-200", "v2"), null);
        assertEquals(offset(first) + 1, offset(next), "updated_at changed: another event");
        // A sender's own delivery id decides when it sends one.
        HttpResponse<String> delivered = send("lms-db", change("UPDATE", "a-200", "v3"), "delivery-1");
        HttpResponse<String> redelivered = send("lms-db", change("UPDATE", "a-200", "v3"), "delivery-1");
        assertEquals(offset(delivered), offset(redelivered));
    }

    @Test
    void aDeleteBecomesTheDeletedEventOfTheOldRow() throws Exception {
        String body =
                """
                {"type": "DELETE", "table": "assignments", "schema": "public", "record": null,
                 "old_record": {"id": "a-300", "school_id": "school-9", "class_id": "7b", "updated_at": "v9"}}""";
        HttpResponse<String> written = send("lms-db", body, null);
        assertEquals(201, written.statusCode(), written.body());
        GenericRecord envelope =
                (GenericRecord) CODEC.decode(read(written).value()).get("envelope");
        assertEquals("assignment.deleted", envelope.get("type").toString());
        assertEquals("a-300", envelope.get("recordId").toString());
    }

    @Test
    void onlyASignedChangeOfAMappedTableIsTaken() throws Exception {
        String body = change("INSERT", "a-400", "v1");
        assertEquals(401, post("lms-db", body, "sha256=" + "0".repeat(64), null).statusCode());
        assertEquals(401, post("lms-db", body, null, null).statusCode());
        assertEquals(404, send("nobody", body, null).statusCode());

        HttpResponse<String> notAChange = send("lms-db", "{\"type\": \"TRUNCATE\", \"table\": \"x\"}", null);
        assertEquals(400, notAChange.statusCode(), notAChange.body());
        assertTrue(notAChange.body().contains("/type"), notAChange.body());

        HttpResponse<String> unmapped = send("lms-db", body.replace("\"assignments\"", "\"grades\""), null);
        assertEquals(422, unmapped.statusCode(), unmapped.body());
        assertEquals(
                "urn:eventline:problem:unmapped-table",
                JSON.readTree(unmapped.body()).get("type").asText());

        HttpResponse<String> noTitle = send("lms-db", body.replace("\"title\": \"Fractions\", ", ""), null);
        assertEquals(422, noTitle.statusCode(), noTitle.body());
        assertTrue(noTitle.body().contains("/payload/title"), noTitle.body());

        HttpResponse<String> noTenant = send("lms-db", body.replace("\"school_id\": \"school-9\", ", ""), null);
        assertEquals(422, noTenant.statusCode(), noTenant.body());
        assertTrue(noTenant.body().contains("school_id"), noTenant.body());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAnswerIsOneTheOpenApiFileDocuments() throws Exception {
        Map<String, Object> spec;
        try (InputStream in = getClass().getResourceAsStream("/openapi/emitter.yaml")) {
            spec = new Yaml().load(in);
        }
        Map<String, Object> responses = (Map<String, Object>) ((Map<String, Object>)
                        ((Map<String, Object>) ((Map<String, Object>) spec.get("paths")).get("/v1/webhooks/{source}"))
                                .get("post"))
                .get("responses");
        String body = change("INSERT", "a-500", "v1");
        List<HttpResponse<String>> answers = List.of(
                send("lms-db", body, null),
                post("lms-db", body, null, null),
                send("nobody", body, null),
                send("lms-db", "[]", null),
                send("lms-db", body.replace("\"assignments\"", "\"grades\""), null));
        for (HttpResponse<String> answer : answers) {
            assertTrue(
                    responses.containsKey(String.valueOf(answer.statusCode())),
                    answer.statusCode() + " is not documented: " + answer.body());
        }
    }

    private static String change(String type, String id, String version) {
        return """
                {"type": "%s", "table": "assignments", "schema": "public",
                 "record": {"id": "%s", "school_id": "school-9", "title": "Fractions", "class_id": "7b",
                            "due_at": "2026-12-09T09:00:00Z", "status": "PUBLISHED", "updated_at": "%s"},
                 "old_record": null}"""
                .formatted(type, id, version);
    }

    private HttpResponse<String> send(String source, String body, String deliveryId) throws Exception {
        String signature =
                Signatures.sign(SECRET.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8));
        return post(source, body, signature, deliveryId);
    }

    private HttpResponse<String> post(String source, String body, String signature, String deliveryId)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emitter.url() + "/v1/webhooks/" + source))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header(Signatures.HEADER, signature);
        }
        if (deliveryId != null) {
            request.header("Webhook-Id", deliveryId);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long offset(HttpResponse<String> written) throws Exception {
        assertEquals(201, written.statusCode(), written.body());
        return JSON.readTree(written.body()).get("offset").asLong();
    }

    private ConsumerRecord<String, byte[]> read(HttpResponse<String> written) {
        return TopicReader.recordAt(kafka, written.body());
    }
}
