package dev.eventline.schemas.jsonschema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.catalog.EventTypeSpec;
import dev.eventline.schemas.catalog.TopicSpec;
import dev.eventline.schemas.common.Envelope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The named JSON Schemas of every event type, referring to each other under a prefix the caller
 * chooses ({@code #/$defs/} in a JSON Schema document, {@code #/components/schemas/} in AsyncAPI):
 *
 * <ul>
 *   <li>{@code <Record>} (e.g. {@code AssignmentChanged}): a payload, the record's fields but the
 *       envelope;
 *   <li>{@code <type>} (e.g. {@code assignment.created}): the event as readers get it (stream {@code
 *       data:}, pages, snapshots): envelope fields, topic, payload;
 *   <li>{@code emit.<type>}: the body of {@code POST /v1/events} for that type;
 *   <li>{@code Event} and {@code EmitRequest}: one of the above, told apart by {@code type}.
 * </ul>
 *
 * <p>Stateless; builds fresh trees on every call.
 */
public final class EventJsonSchemas {

    /** Keys of the two unions. */
    public static final String EVENT = "Event";

    /** The emit request of any type. */
    public static final String EMIT_REQUEST = "EmitRequest";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EventJsonSchemas() {}

    /** Every named schema, payloads first, then per type, then the unions; refs start with {@code refPrefix}. */
    public static Map<String, ObjectNode> named(EventSchemas schemas, String refPrefix) {
        Map<String, ObjectNode> named = new LinkedHashMap<>();
        for (Schema record : schemas.currentSchemas()) {
            ObjectNode previous = named.put(record.getName(), AvroJsonSchema.ofRecord(record, "envelope"));
            if (previous != null) {
                throw new IllegalStateException("two event records are named " + record.getName());
            }
        }
        ArrayNode events = NODES.arrayNode();
        ArrayNode emits = NODES.arrayNode();
        for (TopicSpec topic : schemas.catalog().topics()) {
            for (EventTypeSpec type : topic.events()) {
                String payload =
                        refPrefix + schemas.current(type.schema()).orElseThrow().getName();
                named.put(type.type(), event(topic.name(), type.type(), payload));
                named.put("emit." + type.type(), emit(type.type(), payload));
                events.add(ref(refPrefix + type.type()));
                emits.add(ref(refPrefix + "emit." + type.type()));
            }
        }
        named.put(
                EVENT,
                NODES.objectNode()
                        .put("description", "Any event, told apart by 'type'")
                        .set("oneOf", events));
        named.put(
                EMIT_REQUEST,
                NODES.objectNode()
                        .put("description", "Any emit request, told apart by 'type'")
                        .set("oneOf", emits));
        return named;
    }

    /** A JSON Schema (2020-12) document with every named schema under {@code $defs}. */
    public static ObjectNode document(EventSchemas schemas) {
        ObjectNode document = NODES.objectNode()
                .put("$schema", "https://json-schema.org/draft/2020-12/schema")
                .put("title", "Eventline events")
                .put(
                        "description",
                        "Every event type as readers get it (by its type), as producers emit it (emit.<type>), and"
                                + " its payload (by record name). Generated from the Avro schemas.");
        ObjectNode defs = document.putObject("$defs");
        named(schemas, "#/$defs/").forEach(defs::set);
        return document;
    }

    /** Writes {@link #document} as JSON to the file {@code args[0]} (the build does, into the jar). */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out.getParent());
        Files.writeString(
                out,
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(document(EventSchemas.load())));
    }

    private static ObjectNode event(String topic, String type, String payloadRef) {
        Schema envelope = Envelope.getClassSchema();
        ObjectNode event = NODES.objectNode()
                .put("type", "object")
                .put("title", type)
                .put("description", "A " + type + " event as readers get it (topic " + topic + ")");
        ObjectNode properties = event.putObject("properties");
        properties.set(
                "eventId",
                described(AvroJsonSchema.of(envelope.getField("eventId").schema()), envelope, "eventId"));
        properties.set("type", NODES.objectNode().put("const", type));
        for (String field : new String[] {"tenantId", "recordId", "emittedAt", "emittedBy", "schemaVersion"}) {
            properties.set(
                    field, described(AvroJsonSchema.of(envelope.getField(field).schema()), envelope, field));
        }
        properties.set("actor", described(NODES.objectNode().put("type", "string"), envelope, "actor"));
        properties.set("topic", NODES.objectNode().put("const", topic));
        properties.set("payload", ref(payloadRef));
        ArrayNode required = event.putArray("required");
        for (String field : new String[] {
            "eventId", "type", "tenantId", "recordId", "emittedAt", "emittedBy", "schemaVersion", "topic", "payload"
        }) {
            required.add(field);
        }
        return event;
    }

    private static ObjectNode emit(String type, String payloadRef) {
        ObjectNode emit = NODES.objectNode()
                .put("type", "object")
                .put("title", "emit " + type)
                .put("description", "The body of POST /v1/events for a " + type + " event")
                .put("additionalProperties", false);
        ObjectNode properties = emit.putObject("properties");
        properties.set("type", NODES.objectNode().put("const", type).put("description", "The event type"));
        properties.set("recordId", text("The record the event is about").put("maxLength", 256));
        properties.set(
                "payload",
                ref(payloadRef).put("description", "The payload; the emitter refuses fields its schema does not have"));
        properties.set(
                "eventId",
                text("Your id for the event; also the idempotency key").put("format", "uuid"));
        ObjectNode emittedAt = properties
                .putObject("emittedAt")
                .put("description", "When it happened: RFC 3339 or epoch milliseconds; default now");
        emittedAt
                .putArray("anyOf")
                .add(NODES.objectNode().put("type", "string").put("format", "date-time"))
                .add(NODES.objectNode().put("type", "integer"));
        ObjectNode audience = properties
                .putObject("audience")
                .put("type", "array")
                .put("maxItems", 1000)
                .put(
                        "description",
                        "Whom it is addressed to: 'user:<sub>' (a bare id is a user too) and 'group:<name>' entries."
                                + " Empty or absent means the whole tenant, allowed only on topics the catalog"
                                + " addresses to the tenant");
        audience.putObject("items").put("type", "string").put("maxLength", 256);
        properties.set(
                "actor",
                text("The user on whose behalf you act (emittedBy is your own token's subject)")
                        .put("maxLength", 256));
        properties.set("tenantId", text("Only for platform tokens; producers emit into their own tenant"));
        emit.putArray("required").add("type").add("recordId").add("payload");
        return emit;
    }

    private static ObjectNode text(String description) {
        return NODES.objectNode().put("type", "string").put("description", description);
    }

    private static ObjectNode described(ObjectNode schema, Schema record, String field) {
        String doc = record.getField(field).doc();
        return doc == null ? schema : schema.put("description", doc);
    }

    private static ObjectNode ref(String target) {
        return NODES.objectNode().put("$ref", target);
    }
}
