package dev.eventline.schemas.jsonschema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.common.Envelope;
import dev.eventline.schemas.file.FileProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AvroJsonSchemaTest {

    @Test
    void aPayloadIsItsFieldsButTheEnvelopeRequiredUnlessDefaulted() {
        ObjectNode payload = AvroJsonSchema.ofRecord(FileProgress.getClassSchema(), "envelope");

        assertEquals("object", payload.get("type").asText());
        assertFalse(payload.get("properties").has("envelope"));
        List<String> required = new ArrayList<>();
        payload.get("required").forEach(name -> required.add(name.asText()));
        assertTrue(required.contains("fileName") && required.contains("progress"), required.toString());
        assertFalse(required.contains("errorMessage"), "nullable with a default: may be left out");
    }

    @Test
    void typesMapToTheirJsonFormWithDocsEnumsRangesAndNulls() {
        JsonNode properties = AvroJsonSchema.ofRecord(FileProgress.getClassSchema(), "envelope")
                .get("properties");

        JsonNode progress = properties.get("progress");
        assertEquals("integer", progress.get("type").asText());
        assertEquals(0, progress.get("minimum").asInt());
        assertEquals(100, progress.get("maximum").asInt());
        assertEquals("Percent done, 0 to 100.", progress.get("description").asText());
        assertEquals(
                "[\"UNKNOWN\",\"PENDING\",\"PROCESSING\",\"READY\",\"FAILED\"]",
                properties.get("status").get("enum").toString());
        JsonNode errorMessage = properties.get("errorMessage").get("anyOf");
        assertEquals("null", errorMessage.get(0).get("type").asText());
        assertEquals("string", errorMessage.get(1).get("type").asText());

        JsonNode envelope =
                AvroJsonSchema.ofRecord(Envelope.getClassSchema(), null).get("properties");
        assertEquals(
                Map.of("type", "string", "format", "date-time"),
                Map.of(
                        "type", envelope.get("emittedAt").get("type").asText(),
                        "format", envelope.get("emittedAt").get("format").asText()));
        assertEquals("uuid", envelope.get("eventId").get("format").asText());
        assertEquals("array", envelope.get("audience").get("type").asText());
    }

    @Test
    void everyTypeHasItsEventItsEmitRequestAndBothUnionsNameThemAll() {
        EventSchemas schemas = EventSchemas.load();
        Map<String, ObjectNode> named = EventJsonSchemas.named(schemas, "#/$defs/");

        int types = schemas.catalog().eventTypes().size();
        assertEquals(types, named.get(EventJsonSchemas.EVENT).get("oneOf").size());
        assertEquals(
                types, named.get(EventJsonSchemas.EMIT_REQUEST).get("oneOf").size());
        ObjectNode created = named.get("assignment.created");
        assertEquals("assignment.created", created.at("/properties/type/const").asText());
        assertEquals("assignments", created.at("/properties/topic/const").asText());
        assertEquals(
                "#/$defs/AssignmentChanged",
                created.at("/properties/payload/$ref").asText());
        ObjectNode emit = named.get("emit.assignment.deleted");
        assertEquals(
                "#/$defs/RecordDeleted", emit.at("/properties/payload/$ref").asText());
        assertFalse(emit.get("additionalProperties").asBoolean());
        assertTrue(named.containsKey("AssignmentChanged") && named.containsKey("RecordDeleted"));
    }
}
