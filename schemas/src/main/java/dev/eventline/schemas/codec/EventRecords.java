package dev.eventline.schemas.codec;

import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.catalog.PartitionKey;
import dev.eventline.schemas.catalog.TopicSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The one rule for how an event becomes a Kafka record: the topic its type belongs to in the catalog,
 * the partition key the topic names (tenant or record), the value in the deployment's {@link
 * WireFormat}, every header of {@link EventHeaders} and the CloudEvents attributes of {@link
 * CloudEventHeaders}. The emitter, the tests' and the benchmarks' writers all build
 * their records here, so what they write is what data teams read.
 *
 * <p>Thread-safe; layouts are resolved once per schema.
 */
public final class EventRecords {

    private final EventSchemas schemas;
    private final EventCodec codec;
    // By schema: few, loaded once (ConcurrentHashMap finds the same instance by identity first).
    private final Map<Schema, EnvelopeLayout> layouts = new ConcurrentHashMap<>();

    /** Records of the platform's schemas and catalog, values in single-object encoding. */
    public EventRecords(EventSchemas schemas) {
        this(schemas, new EventCodec(schemas));
    }

    /** Records whose values {@code codec} encodes, in its wire format. */
    public EventRecords(EventSchemas schemas, EventCodec codec) {
        this.schemas = schemas;
        this.codec = codec;
    }

    /**
     * The record of {@code payload} (a record of a current schema, its envelope not set yet) stamped
     * with {@code envelope}. Throws {@link IllegalArgumentException} for a type the catalog does not
     * know.
     */
    public EventRecord stamp(GenericData.Record payload, EnvelopeValues envelope) {
        EnvelopeLayout layout = layout(payload.getSchema());
        GenericData.Record event = layout.stamp(payload, envelope);
        return record(envelope, layout.fingerprintHex(), codec.encode(event));
    }

    /**
     * The record of a complete event, its envelope set (a generated class's instance, say). Throws
     * {@link IllegalArgumentException} for a type the catalog does not know.
     */
    public EventRecord of(GenericRecord event) {
        GenericRecord envelope = (GenericRecord) event.get("envelope");
        Object emittedAt = envelope.get("emittedAt");
        EnvelopeValues values = new EnvelopeValues(
                UUID.fromString(envelope.get("eventId").toString()),
                envelope.get("type").toString(),
                envelope.get("tenantId").toString(),
                envelope.get("recordId").toString(),
                // Generated classes hold timestamps as Instant, generic records as epoch millis.
                emittedAt instanceof Instant instant ? instant.toEpochMilli() : ((Number) emittedAt).longValue(),
                envelope.get("emittedBy").toString(),
                List.of(),
                null);
        return record(values, layout(event.getSchema()).fingerprintHex(), codec.encode(event));
    }

    private EventRecord record(EnvelopeValues envelope, String fingerprintHex, byte[] value) {
        String type = envelope.type();
        String tenant = envelope.tenantId();
        String recordId = envelope.recordId();
        String eventId = envelope.eventId().toString();
        TopicSpec topic = schemas.catalog()
                .topicOf(type)
                .orElseThrow(() -> new IllegalArgumentException("'" + type + "' is not an event type of the catalog"));
        Map<String, String> headers = Map.ofEntries(
                Map.entry(EventHeaders.TYPE, type),
                Map.entry(EventHeaders.TENANT, tenant),
                Map.entry(EventHeaders.EVENT_ID, eventId),
                Map.entry(EventHeaders.CONTENT_TYPE, codec.format().contentType()),
                Map.entry(EventHeaders.SCHEMA_FINGERPRINT, fingerprintHex),
                Map.entry(CloudEventHeaders.SPEC_VERSION_HEADER, CloudEventHeaders.SPEC_VERSION),
                Map.entry(CloudEventHeaders.ID, eventId),
                Map.entry(CloudEventHeaders.SOURCE, CloudEventHeaders.source(tenant, envelope.emittedBy())),
                Map.entry(CloudEventHeaders.TYPE, type),
                Map.entry(CloudEventHeaders.TIME, CloudEventHeaders.time(envelope.emittedAt())),
                Map.entry(CloudEventHeaders.SUBJECT, recordId));
        String key = topic.partitionKey() == PartitionKey.TENANT ? tenant : recordId;
        return new EventRecord(topic.name(), key, value, headers);
    }

    private EnvelopeLayout layout(Schema schema) {
        return layouts.computeIfAbsent(schema, s -> EnvelopeLayout.of(s, schemas));
    }
}
