package dev.eventline.emitter.http;

import static dev.eventline.emitter.EmitterHarness.TENANT;
import static dev.eventline.emitter.EmitterHarness.assignment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.emitter.EmitterHarness;
import dev.eventline.emitter.TopicReader;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.codec.EventCodec;
import dev.eventline.schemas.codec.EventHeaders;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmitApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventCodec codec = new EventCodec(EventSchemas.load());
    private EmitterHarness emitter;
    private TestKafka kafka;

    @BeforeAll
    void start(TestKafka kafka) {
        this.kafka = kafka;
        this.emitter = new EmitterHarness(kafka, Map.of("eventline.emitter.max-batch-size", 5));
    }

    @AfterAll
    void stop() {
        emitter.close();
    }

    @Test
    void singleEventLandsInItsTopicAsAvroWithEnvelopeKeyAndHeaders() throws Exception {
        HttpResponse<String> response = emitter.post(assignment("a-1", "Fractions"), emitter.producerToken());
        assertEquals(201, response.statusCode(), response.body());
        JsonNode receipt = JSON.readTree(response.body());
        assertEquals("assignments", receipt.get("topic").asText());
        assertEquals("assignment.created", receipt.get("type").asText());

        ConsumerRecord<String, byte[]> record = readBack(receipt);
        assertEquals(TENANT, record.key());
        assertEquals("assignment.created", header(record, EventHeaders.TYPE));
        assertEquals(TENANT, header(record, EventHeaders.TENANT));
        assertEquals(receipt.get("eventId").asText(), header(record, EventHeaders.EVENT_ID));
        assertEquals(EventHeaders.CONTENT_TYPE_AVRO, header(record, EventHeaders.CONTENT_TYPE));
        assertEquals(
                EventHeaders.fingerprintHex(EventCodec.fingerprint(record.value())),
                header(record, EventHeaders.SCHEMA_FINGERPRINT));

        GenericRecord event = codec.decode(record.value());
        GenericRecord envelope = (GenericRecord) event.get("envelope");
        assertEquals(receipt.get("eventId").asText(), envelope.get("eventId").toString());
        assertEquals(TENANT, envelope.get("tenantId").toString());
        assertEquals("a-1", envelope.get("recordId").toString());
        assertEquals("producer-1", envelope.get("emittedBy").toString());
        assertEquals(2, envelope.get("schemaVersion"), "version 2: the envelope's actor");
        assertEquals("Fractions", event.get("title").toString());
        assertEquals("PUBLISHED", event.get("status").toString());
        assertEquals(Instant.parse("2026-12-01T09:00:00Z").toEpochMilli(), event.get("dueAt"));
    }

    @Test
    void producerSuppliedEventIdEmittedAtAudienceAndActorAreKept() throws Exception {
        String body =
                """
                {"type": "notification.created", "recordId": "n-1", "eventId": "0b5b2c62-27c4-4c5b-9b7a-6f7d9d1c0a11",
                 "emittedAt": 1767225600000, "audience": ["u-7", "group:class:7b"], "actor": "teacher-9",
                 "payload": {"kind": "URGENT", "title": "Fire drill", "message": "Now"}}""";
        HttpResponse<String> response = emitter.post(body, emitter.producerToken());
        assertEquals(201, response.statusCode(), response.body());
        GenericRecord envelope = (GenericRecord)
                codec.decode(readBack(JSON.readTree(response.body())).value()).get("envelope");
        assertEquals(
                "0b5b2c62-27c4-4c5b-9b7a-6f7d9d1c0a11", envelope.get("eventId").toString());
        assertEquals(1767225600000L, envelope.get("emittedAt"));
        assertEquals("[u-7, group:class:7b]", envelope.get("audience").toString());
        assertEquals("teacher-9", envelope.get("actor").toString());
        assertEquals("producer-1", envelope.get("emittedBy").toString());
    }

    @Test
    void batchWritesValidEventsInOrderAndReportsInvalidOnesPerIndex() throws Exception {
        String body = "[" + assignment("b-1", "one") + ", {\"type\": \"assignment.created\", \"recordId\": \"b-x\", "
                + "\"payload\": {\"title\": 5, \"status\": \"PUBLISHED\"}}, " + assignment("b-2", "two") + "]";
        HttpResponse<String> response = emitter.post(body, emitter.producerToken());
        assertEquals(207, response.statusCode(), response.body());
        JsonNode results = JSON.readTree(response.body()).get("results");
        assertEquals(201, results.get(0).get("status").asInt());
        assertEquals(400, results.get(1).get("status").asInt());
        assertEquals(
                "/1/payload/title",
                results.get(1)
                        .get("problem")
                        .get("errors")
                        .get(0)
                        .get("pointer")
                        .asText());
        assertEquals(201, results.get(2).get("status").asInt());
        assertEquals(results.get(0).get("partition"), results.get(2).get("partition"));
        assertTrue(results.get(2).get("offset").asLong()
                > results.get(0).get("offset").asLong());
    }

    @Test
    void batchOfValidEventsIsCreatedAndBatchWithoutValidEventIsRejected() throws Exception {
        HttpResponse<String> ok = emitter.post(
                "[" + assignment("c-1", "x") + "," + assignment("c-2", "y") + "]", emitter.producerToken());
        assertEquals(201, ok.statusCode(), ok.body());
        assertEquals(2, JSON.readTree(ok.body()).get("results").size());

        HttpResponse<String> none = emitter.post("[{\"type\": \"nope.created\"}, 7]", emitter.producerToken());
        assertEquals(400, none.statusCode(), none.body());
        List<String> pointers = pointers(none);
        assertTrue(pointers.containsAll(List.of("/0/type", "/0/recordId", "/1")), pointers.toString());
    }

    @Test
    void everyKindOfInvalidInputIsNamedByPointerAndWritesNothing() throws Exception {
        Map<TopicPartition, Long> before = TopicReader.endOffsets(kafka, "files");
        String body =
                """
                {"type": "file.progress", "recordId": "f-1", "colour": "red",
                 "payload": {"fileName": 12, "status": "DONE", "progress": 140, "stage": "EMBEDDING", "extra": 1}}""";
        HttpResponse<String> response = emitter.post(body, emitter.producerToken());
        assertEquals(400, response.statusCode(), response.body());
        assertEquals(
                "application/problem+json",
                response.headers().firstValue("content-type").orElse(""));
        assertEquals(
                List.of(
                        "/colour",
                        "/payload/fileName",
                        "/payload/status",
                        "/payload/progress",
                        "/payload/extra",
                        "/audience"),
                pointers(response));
        assertEquals(before, TopicReader.endOffsets(kafka, "files"));

        HttpResponse<String> missing = emitter.post(
                "{\"type\": \"file.progress\", \"recordId\": \"f-1\", \"payload\": {}}", emitter.producerToken());
        assertEquals(
                List.of("/payload/fileName", "/payload/status", "/payload/progress", "/audience"), pointers(missing));

        HttpResponse<String> unknownType = emitter.post(
                "{\"type\": \"file.exploded\", \"recordId\": \"f-1\", \"payload\": {}}", emitter.producerToken());
        assertEquals(List.of("/type"), pointers(unknownType));

        HttpResponse<String> malformed = emitter.post("{\"type\": ", emitter.producerToken());
        assertEquals(400, malformed.statusCode());
        assertEquals(
                "urn:eventline:problem:invalid-json",
                JSON.readTree(malformed.body()).get("type").asText());
        assertEquals(before, TopicReader.endOffsets(kafka, "files"));
    }

    @Test
    void oversizedBatchAndBodyAreRefusedWith413() {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            events.add(assignment("big-" + i, "t"));
        }
        HttpResponse<String> batch = emitter.post("[" + String.join(",", events) + "]", emitter.producerToken());
        assertEquals(413, batch.statusCode(), batch.body());
        HttpResponse<String> body = emitter.post(assignment("huge", "x".repeat(1_100_000)), emitter.producerToken());
        assertEquals(413, body.statusCode());
    }

    @Test
    void unknownRouteAndWrongContentTypeAnswerProblemJsonToAuthenticatedCallers() {
        HttpResponse<String> notFound = emitter.get("/v1/nothing", emitter.producerToken());
        assertEquals(404, notFound.statusCode());
        assertEquals(
                "application/problem+json",
                notFound.headers().firstValue("content-type").orElse(""));
        HttpResponse<String> wrongType = emitter.postAs("text/plain", assignment("t", "t"), emitter.producerToken());
        assertEquals(415, wrongType.statusCode(), wrongType.body());
        assertEquals(
                "application/problem+json",
                wrongType.headers().firstValue("content-type").orElse(""));
    }

    private ConsumerRecord<String, byte[]> readBack(JsonNode receipt) {
        return TopicReader.readFrom(
                        kafka,
                        receipt.get("topic").asText(),
                        receipt.get("partition").asInt(),
                        receipt.get("offset").asLong())
                .get(0);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static List<String> pointers(HttpResponse<String> response) throws Exception {
        List<String> pointers = new ArrayList<>();
        JSON.readTree(response.body())
                .get("errors")
                .forEach(e -> pointers.add(e.get("pointer").asText()));
        return pointers;
    }
}
