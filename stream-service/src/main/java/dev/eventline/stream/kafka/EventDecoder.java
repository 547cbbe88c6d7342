package dev.eventline.stream.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.eventline.schemas.codec.EventCodec;
import dev.eventline.schemas.codec.UndecodableEventException;
import dev.eventline.stream.cursor.PartitionRef;
import dev.eventline.stream.subscription.LogEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a Kafka record into a {@link LogEvent} once, for all subscribers: the Avro value decoded and
 * written as the JSON a browser gets, with timestamps as ISO-8601 strings and enums as their symbols.
 * The audience stays out of the JSON: who else an event was addressed to is not the reader's business.
 *
 * <p>Used by the live tail, the catch-up readers and the snapshot topology, so that a record reads the
 * same everywhere. Thread-safe.
 */
public final class EventDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(EventDecoder.class);
    private static final JsonFactory JSON = new JsonFactory();

    private final EventCodec codec;

    /** A decoder for the schemas {@code codec} knows. */
    public EventDecoder(EventCodec codec) {
        this.codec = codec;
    }

    /** The event, or null (logged) for a record that is not a readable event. */
    LogEvent decode(ConsumerRecord<String, byte[]> record) {
        return decode(record.topic(), record.partition(), record.offset(), record.value());
    }

    /** The event at {@code topic}-{@code partition}@{@code offset}, or null (logged) if unreadable. */
    public LogEvent decode(String topic, int partition, long offset, byte[] value) {
        try {
            GenericRecord event = codec.decode(value);
            GenericRecord envelope = (GenericRecord) event.get("envelope");
            List<String> audience = new ArrayList<>();
            ((Collection<?>) envelope.get("audience")).forEach(user -> audience.add(user.toString()));
            return new LogEvent(
                    new PartitionRef(topic, partition),
                    offset,
                    envelope.get("type").toString(),
                    // Interned, as subscribers' tenants are (EventFilter): the filter's check for every
                    // subscriber at every event then compares references, not the subscriber's bytes.
                    envelope.get("tenantId").toString().intern(),
                    envelope.get("recordId").toString(),
                    List.copyOf(audience),
                    (Long) envelope.get("emittedAt"),
                    json(topic, event, envelope));
        } catch (UndecodableEventException | ClassCastException | NullPointerException e) {
            LOG.warn("skipping {}-{}@{}: not a readable event ({})", topic, partition, offset, e.getMessage());
            return null;
        }
    }

    private static String json(String topic, GenericRecord event, GenericRecord envelope) {
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
            json.writeStartObject();
            for (Schema.Field field : event.getSchema().getFields()) {
                if (!field.name().equals("envelope")) {
                    json.writeFieldName(field.name());
                    write(json, field.schema(), event.get(field.pos()));
                }
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
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
