package dev.eventline.schemas.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.catalog.EventTypeSpec;
import dev.eventline.schemas.catalog.PartitionKey;
import dev.eventline.schemas.catalog.TopicSpec;
import dev.eventline.schemas.codec.CloudEventHeaders;
import dev.eventline.schemas.codec.EnvelopeValues;
import dev.eventline.schemas.codec.EventCodec;
import dev.eventline.schemas.codec.EventHeaders;
import dev.eventline.schemas.codec.EventRecord;
import dev.eventline.schemas.codec.EventRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every event type's catalog example, through the whole path an event takes: the producer's JSON
 * read into Avro, stamped and written as a Kafka record, decoded, and written as the JSON readers
 * get. The payload must come back as the producer sent it, and the record must carry the topic, key
 * and headers the catalog says.
 */
class EventRoundTripTest {

    private static final EventSchemas SCHEMAS = EventSchemas.load();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long EMITTED_AT = 1_796_212_800_000L;

    static Stream<Arguments> examples() {
        return SCHEMAS.catalog().topics().stream()
                .flatMap(topic -> topic.events().stream().map(event -> Arguments.of(event.type(), topic, event)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void anExampleComesBackAsTheProducerSentIt(String type, TopicSpec topic, EventTypeSpec event) throws Exception {
        List<FieldError> errors = new ArrayList<>();
        GenericData.Record payload = JsonToAvro.record(
                SCHEMAS.forEventType(type).orElseThrow(),
                event.example().get("payload"),
                "/payload",
                Set.of("envelope"),
                errors);
        assertEquals(List.of(), errors, "the example is valid");
        List<String> audience = new ArrayList<>();
        event.example().path("audience").forEach(entry -> audience.add(entry.asText()));
        String recordId = event.example().get("recordId").asText();
        UUID eventId = UUID.randomUUID();

        EventRecord record = new EventRecords(SCHEMAS)
                .stamp(payload, new EnvelopeValues(eventId, type, "t-1", recordId, EMITTED_AT, "svc", audience, "u-9"));

        assertEquals(topic.name(), record.topic());
        assertEquals(topic.partitionKey() == PartitionKey.TENANT ? "t-1" : recordId, record.key());
        assertEquals(type, record.headers().get(EventHeaders.TYPE));
        assertEquals("t-1", record.headers().get(EventHeaders.TENANT));
        assertEquals(eventId.toString(), record.headers().get(EventHeaders.EVENT_ID));
        assertEquals(EventHeaders.CONTENT_TYPE_AVRO, record.headers().get(EventHeaders.CONTENT_TYPE));
        assertEquals(
                EventHeaders.fingerprintHex(EventCodec.fingerprint(record.value())),
                record.headers().get(EventHeaders.SCHEMA_FINGERPRINT));

        assertEquals(CloudEventHeaders.SPEC_VERSION, record.headers().get(CloudEventHeaders.SPEC_VERSION_HEADER));
        assertEquals(eventId.toString(), record.headers().get(CloudEventHeaders.ID));
        assertEquals("/tenants/t-1/producers/svc", record.headers().get(CloudEventHeaders.SOURCE));
        assertEquals(type, record.headers().get(CloudEventHeaders.TYPE));
        assertEquals("2026-12-02T12:00:00Z", record.headers().get(CloudEventHeaders.TIME));
        assertEquals(recordId, record.headers().get(CloudEventHeaders.SUBJECT));

        GenericRecord decoded = new EventCodec(SCHEMAS).decode(record.value());
        JsonNode read = JSON.readTree(EventJson.write(record.topic(), decoded));
        assertEquals(event.example().get("payload"), read.get("payload"), "the payload");
        assertEquals(type, read.get("type").asText());
        assertEquals(recordId, read.get("recordId").asText());
        assertEquals(eventId.toString(), read.get("eventId").asText());
        assertEquals("2026-12-02T12:00:00Z", read.get("emittedAt").asText());
        assertEquals("u-9", read.get("actor").asText());
        assertEquals(
                SCHEMAS.version(decoded.getSchema().getFullName()),
                read.get("schemaVersion").asInt());
        assertFalse(read.has("audience"), "who else an event reached is not the reader's business");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyPayloadFieldIsInTheExample(String type, TopicSpec topic, EventTypeSpec event) {
        // A field left out of an example would go untested by the round trip above.
        JsonNode payload = event.example().get("payload");
        SCHEMAS.forEventType(type).orElseThrow().getFields().stream()
                .filter(field -> !field.name().equals("envelope"))
                .forEach(field -> assertTrue(payload.has(field.name()), type + " example lacks " + field.name()));
        assertNotNull(topic.name());
    }
}
