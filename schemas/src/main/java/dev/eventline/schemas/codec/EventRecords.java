package dev.eventline.schemas.codec;

import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.catalog.PartitionKey;
import dev.eventline.schemas.catalog.TopicSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The one rule for how an event becomes a Kafka record: the topic its type belongs to in the catalog,
 * the partition key the topic names (tenant or record), the value in single-object encoding, and
 * every header of {@link EventHeaders}. The emitter, the tests' and the benchmarks' writers all build
 * their records here, so what they write is what data teams read.
 *
 * <p>Thread-safe; layouts are resolved once per schema.
 */
public final class EventRecords {

    private final EventSchemas schemas;
    private final EventCodec codec;
    // By schema: few, loaded once (ConcurrentHashMap finds the same instance by identity first).
    private final Map<Schema, EnvelopeLayout> layouts = new ConcurrentHashMap<>();

    /** Records of the platform's schemas and catalog. */
    public EventRecords(EventSchemas schemas) {
        this.schemas = schemas;
        this.codec = new EventCodec(schemas);
    }

    /**
     * The record of {@code payload} (a record of a current schema, its envelope not set yet) stamped
     * with {@code envelope}. Throws {@link IllegalArgumentException} for a type the catalog does not
     * know.
     */
    public EventRecord stamp(GenericData.Record payload, EnvelopeValues envelope) {
        EnvelopeLayout layout = layout(payload.getSchema());
        GenericData.Record event = layout.stamp(payload, envelope);
        return record(
                envelope.type(),
                envelope.tenantId(),
                envelope.recordId(),
                envelope.eventId().toString(),
                layout.fingerprintHex(),
                codec.encode(event));
    }

    /**
     * The record of a complete event, its envelope set (a generated class's instance, say). Throws
     * {@link IllegalArgumentException} for a type the catalog does not know.
     */
    public EventRecord of(GenericRecord event) {
        GenericRecord envelope = (GenericRecord) event.get("envelope");
        return record(
                envelope.get("type").toString(),
                envelope.get("tenantId").toString(),
                envelope.get("recordId").toString(),
                envelope.get("eventId").toString(),
                layout(event.getSchema()).fingerprintHex(),
                codec.encode(event));
    }

    private EventRecord record(
            String type, String tenant, String recordId, String eventId, String fingerprintHex, byte[] value) {
        TopicSpec topic = schemas.catalog()
                .topicOf(type)
                .orElseThrow(() -> new IllegalArgumentException("'" + type + "' is not an event type of the catalog"));
        Map<String, String> headers = Map.of(
                EventHeaders.TYPE, type,
                EventHeaders.TENANT, tenant,
                EventHeaders.EVENT_ID, eventId,
                EventHeaders.CONTENT_TYPE, EventHeaders.CONTENT_TYPE_AVRO,
                EventHeaders.SCHEMA_FINGERPRINT, fingerprintHex);
        String key = topic.partitionKey() == PartitionKey.TENANT ? tenant : recordId;
        return new EventRecord(topic.name(), key, value, headers);
    }

    private EnvelopeLayout layout(Schema schema) {
        return layouts.computeIfAbsent(schema, s -> EnvelopeLayout.of(s, schemas));
    }
}
