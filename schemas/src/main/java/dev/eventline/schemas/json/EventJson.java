package dev.eventline.schemas.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * An event as readers get it in JSON (the stream's {@code data:}, snapshots, replays): the envelope's
 * fields, the topic and the payload, with timestamps as ISO-8601 strings (as {@link JsonToAvro} takes
 * them) and enums as their symbols. The audience stays out: who else an event was addressed to is not
 * the reader's business. The inverse of {@link JsonToAvro} for every payload field.
 *
 * <p>Stateless and thread-safe.
 */
public final class EventJson {

    private static final JsonFactory JSON = new JsonFactory();

    private EventJson() {}

    /**
     * The JSON of {@code event}, read from {@code topic}: the envelope's fields, the topic, and the
     * payload's fields under {@code payload}.
     */
    public static String write(String topic, GenericRecord event) {
        GenericRecord envelope = (GenericRecord) event.get("envelope");
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("eventId", envelope.get("eventId").toString());
            json.writeStringField("type", envelope.get("type").toString());
            json.writeStringField("tenantId", envelope.get("tenantId").toString());
            json.writeStringField("recordId", envelope.get("recordId").toString());
            json.writeStringField(
                    "emittedAt",
                    Instant.ofEpochMilli((Long) envelope.get("emittedAt")).toString());
            json.writeStringField("emittedBy", envelope.get("emittedBy").toString());
            // Events written before version 2 of their schema have no actor field at all.
            Object actor = envelope.getSchema().getField("actor") == null ? null : envelope.get("actor");
            if (actor != null) {
                json.writeStringField("actor", actor.toString());
            }
            json.writeNumberField("schemaVersion", (Integer) envelope.get("schemaVersion"));
            json.writeStringField("topic", topic);
            json.writeFieldName("payload");
            writePayload(json, event);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The JSON of {@code event}'s payload alone: the object {@link #write} puts under {@code payload}. */
    public static String payload(GenericRecord event) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            writePayload(json, event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writePayload(JsonGenerator json, GenericRecord event) throws IOException {
        json.writeStartObject();
        for (Schema.Field field : event.getSchema().getFields()) {
            if (!field.name().equals("envelope")) {
                json.writeFieldName(field.name());
                write(json, field.schema(), event.get(field.pos()));
            }
        }
        json.writeEndObject();
    }

    private static void write(JsonGenerator json, Schema schema, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        switch (schema.getType()) {
            case UNION -> write(json, schema.getTypes().get(GenericData.get().resolveUnion(schema, value)), value);
            case RECORD -> {
                GenericRecord record = (GenericRecord) value;
                json.writeStartObject();
                for (Schema.Field field : schema.getFields()) {
                    json.writeFieldName(field.name());
                    write(json, field.schema(), record.get(field.pos()));
                }
                json.writeEndObject();
            }
            case ARRAY -> {
                json.writeStartArray();
                for (Object item : (Collection<?>) value) {
                    write(json, schema.getElementType(), item);
                }
                json.writeEndArray();
            }
            case MAP -> {
                json.writeStartObject();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    json.writeFieldName(entry.getKey().toString());
                    write(json, schema.getValueType(), entry.getValue());
                }
                json.writeEndObject();
            }
            case LONG -> {
                if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
                    json.writeString(Instant.ofEpochMilli((Long) value).toString());
                } else {
                    json.writeNumber((Long) value);
                }
            }
            case INT -> json.writeNumber((Integer) value);
            case FLOAT -> json.writeNumber((Float) value);
            case DOUBLE -> json.writeNumber((Double) value);
            case BOOLEAN -> json.writeBoolean((Boolean) value);
            default -> json.writeString(value.toString());
        }
    }
}
