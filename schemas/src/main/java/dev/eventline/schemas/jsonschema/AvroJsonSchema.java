package dev.eventline.schemas.jsonschema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The JSON Schema of an Avro schema's JSON form, as {@link dev.eventline.schemas.json.JsonToAvro} takes
 * it and {@link dev.eventline.schemas.json.EventJson} writes it: timestamps as RFC 3339 strings (epoch
 * milliseconds also accepted on input), UUIDs as strings of that format, enums as their symbols, a
 * nullable field as its type or null. A field is required unless it has a default. Other properties
 * are allowed: a newer schema version may add fields, which readers should ignore. The field
 * properties {@code minimum} and {@code maximum} carry over. Uses only keywords that draft-07 and
 * 2020-12 read alike, so the AsyncAPI document can embed the result.
 *
 * <p>Stateless and thread-safe.
 */
public final class AvroJsonSchema {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroJsonSchema() {}

    /** The JSON Schema of a record's fields, leaving out {@code skipped} (the envelope, say). */
    public static ObjectNode ofRecord(Schema record, String skipped) {
        ObjectNode object = NODES.objectNode().put("type", "object");
        if (record.getDoc() != null) {
            object.put("description", record.getDoc());
        }
        ObjectNode properties = object.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        for (Schema.Field field : record.getFields()) {
            if (field.name().equals(skipped)) {
                continue;
            }
            ObjectNode property = of(field.schema());
            if (field.doc() != null) {
                property.put("description", field.doc());
            }
            copyNumber(field, "minimum", property);
            copyNumber(field, "maximum", property);
            properties.set(field.name(), property);
            if (!field.hasDefaultValue()) {
                required.add(field.name());
            }
        }
        if (!required.isEmpty()) {
            object.set("required", required);
        }
        return object;
    }

    /** The JSON Schema of any Avro schema events carry. */
    public static ObjectNode of(Schema schema) {
        return switch (schema.getType()) {
            case NULL -> type("null");
            case BOOLEAN -> type("boolean");
            case INT -> type("integer").put("minimum", Integer.MIN_VALUE).put("maximum", Integer.MAX_VALUE);
            case LONG ->
                schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
                        ? type("string")
                                .put("format", "date-time")
                                .put("description", "RFC 3339; producers may also send epoch milliseconds")
                        : type("integer");
            case FLOAT, DOUBLE -> type("number");
            case STRING ->
                schema.getLogicalType() instanceof LogicalTypes.Uuid
                        ? type("string").put("format", "uuid")
                        : type("string");
            case ENUM -> enumeration(schema);
            case ARRAY -> {
                ObjectNode array = type("array");
                array.set("items", of(schema.getElementType()));
                yield array;
            }
            case MAP -> {
                ObjectNode map = type("object");
                map.set("additionalProperties", of(schema.getValueType()));
                yield map;
            }
            case RECORD -> ofRecord(schema, null);
            case UNION -> union(schema);
            case BYTES, FIXED -> type("string").put("description", "bytes, as the JSON encoding of Avro writes them");
        };
    }

    private static ObjectNode enumeration(Schema schema) {
        ObjectNode node = type("string");
        ArrayNode symbols = node.putArray("enum");
        schema.getEnumSymbols().forEach(symbols::add);
        if (schema.getEnumDefault() != null) {
            node.put(
                    "description",
                    "Readers on an older schema see " + schema.getEnumDefault() + " for a symbol they do not know");
        }
        return node;
    }

    private static ObjectNode union(Schema schema) {
        ObjectNode node = NODES.objectNode();
        ArrayNode branches = node.putArray("anyOf");
        for (Schema branch : schema.getTypes()) {
            branches.add(of(branch));
        }
        return node;
    }

    private static ObjectNode type(String type) {
        return NODES.objectNode().put("type", type);
    }

    private static void copyNumber(Schema.Field field, String name, ObjectNode property) {
        Object value = field.getObjectProp(name);
        if (value instanceof Number number) {
            JsonNode json = number instanceof Integer || number instanceof Long
                    ? NODES.numberNode(number.longValue())
                    : NODES.numberNode(number.doubleValue());
            property.set(name, json);
        }
    }
}
