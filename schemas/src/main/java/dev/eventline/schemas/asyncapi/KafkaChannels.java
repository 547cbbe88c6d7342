package dev.eventline.schemas.asyncapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.schemas.catalog.EventTypeSpec;
import dev.eventline.schemas.catalog.PartitionKey;
import dev.eventline.schemas.catalog.TopicSpec;
import dev.eventline.schemas.codec.CloudEventHeaders;
import dev.eventline.schemas.codec.EventHeaders;
import java.util.Locale;

/** A catalog topic as an AsyncAPI channel, and its event types as Kafka messages. Stateless. */
final class KafkaChannels {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private KafkaChannels() {}

    /** The channel of a topic, without messages (the caller adds them). */
    static ObjectNode channel(TopicSpec topic) {
        ObjectNode channel = NODES.objectNode()
                .put("address", topic.name())
                .put("title", topic.name())
                .put(
                        "description",
                        topic.doc() + " Subscribers' roles: " + String.join(", ", topic.subscriberRoles())
                                + "; addressed to " + topic.addressing().name().toLowerCase(Locale.ROOT)
                                + " by default.");
        channel.putArray("servers").add(AsyncApiDocument.ref("#/servers/kafka"));
        channel.putObject("messages");
        ObjectNode binding = channel.putObject("bindings")
                .putObject("kafka")
                .put("topic", topic.name())
                .put("partitions", topic.partitions());
        ObjectNode config = binding.putObject("topicConfiguration");
        config.putArray("cleanup.policy").add("delete");
        config.put("retention.ms", topic.retention().toMillis());
        binding.put("bindingVersion", AsyncApiDocument.KAFKA_BINDING);
        return channel;
    }

    /** One event type's Kafka message: key, headers, Avro payload (by reference). */
    static ObjectNode message(TopicSpec topic, EventTypeSpec type, String avroRef) {
        ObjectNode message = NODES.objectNode()
                .put("name", type.type())
                .put("title", type.type())
                .put("summary", "A " + type.type() + " record on " + topic.name())
                .put("contentType", "application/vnd.eventline.event+avro");
        message.set("headers", headers(type.type()));
        message.set("payload", AsyncApiDocument.ref(avroRef));
        ObjectNode key = NODES.objectNode()
                .put("type", "string")
                .put(
                        "description",
                        topic.partitionKey() == PartitionKey.TENANT
                                ? "The tenant id: a tenant's events of a topic keep their order"
                                : "The record id: a record's events keep their order");
        message.putObject("bindings")
                .putObject("kafka")
                .<ObjectNode>set("key", key)
                .put("schemaIdLocation", "payload")
                .put("schemaIdPayloadEncoding", "confluent")
                .put("schemaLookupStrategy", "TopicRecordNameStrategy")
                .put("bindingVersion", AsyncApiDocument.KAFKA_BINDING);
        message.put(
                "description",
                "The value is the Avro record in the deployment's wire format: single-object encoding (C3 01,"
                        + " the writer schema's fingerprint, the body) or Confluent's framing (00, the schema id,"
                        + " the body); the content-type header says which. The Kafka binding describes the"
                        + " Confluent framing.");
        return message;
    }

    private static ObjectNode headers(String type) {
        ObjectNode headers = NODES.objectNode().put("type", "object");
        ObjectNode properties = headers.putObject("properties");
        properties.set(EventHeaders.TYPE, NODES.objectNode().put("const", type));
        properties.set(EventHeaders.TENANT, text("The tenant id"));
        properties.set(EventHeaders.EVENT_ID, text("The event id").put("format", "uuid"));
        properties.set(
                EventHeaders.SCHEMA_FINGERPRINT,
                text("The writer schema's CRC-64-AVRO fingerprint").put("pattern", "^[0-9a-f]{16}$"));
        properties
                .putObject(EventHeaders.CONTENT_TYPE)
                .putArray("enum")
                .add(EventHeaders.CONTENT_TYPE_AVRO)
                .add(EventHeaders.CONTENT_TYPE_CONFLUENT);
        properties.set(
                CloudEventHeaders.SPEC_VERSION_HEADER, NODES.objectNode().put("const", CloudEventHeaders.SPEC_VERSION));
        properties.set(
                CloudEventHeaders.ID, text("CloudEvents id: the event id").put("format", "uuid"));
        properties.set(CloudEventHeaders.SOURCE, text("CloudEvents source: /tenants/<tenant>/producers/<producer>"));
        properties.set(CloudEventHeaders.TYPE, NODES.objectNode().put("const", type));
        properties.set(
                CloudEventHeaders.TIME,
                text("CloudEvents time: when it happened").put("format", "date-time"));
        properties.set(CloudEventHeaders.SUBJECT, text("CloudEvents subject: the record id"));
        ArrayNode required = headers.putArray("required");
        properties.fieldNames().forEachRemaining(required::add);
        // Optional: written when the emit was traced (always, by the emitter), absent from other writers.
        properties.set(
                EventHeaders.TRACEPARENT,
                text("W3C trace context of the emit")
                        .put("pattern", "^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$"));
        properties.set(EventHeaders.TRACESTATE, text("W3C trace state, when the trace has any"));
        return headers;
    }

    private static ObjectNode text(String description) {
        return NODES.objectNode().put("type", "string").put("description", description);
    }
}
