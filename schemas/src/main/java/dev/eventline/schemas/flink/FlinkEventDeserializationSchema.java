package dev.eventline.schemas.flink;

import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.catalog.TopicSpec;
import dev.eventline.schemas.codec.EventCodec;
import dev.eventline.schemas.json.EventJson;
import java.io.IOException;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Flink {@link DeserializationSchema} for the platform's record values, in single-object encoding or
 * Confluent's framing, any released schema version, read in today's shape. Use it as a Kafka
 * source's value-only deserializer:
 *
 * <pre>{@code
 * KafkaSource<FlinkEvent> source = KafkaSource.<FlinkEvent>builder()
 *         .setBootstrapServers("127.0.0.1:9092")
 *         .setTopics("assignments", "files")
 *         .setStartingOffsets(OffsetsInitializer.earliest())
 *         .setValueOnlyDeserializer(new FlinkEventDeserializationSchema())
 *         .build();
 * }</pre>
 *
 * <p>Serializable (Flink ships it to its task managers); the schemas load once per task in {@link
 * #open}. A value that is not an event throws an {@code IOException}, which fails the job unless the
 * source is told to skip it: data on the platform's topics is always an event.
 */
public class FlinkEventDeserializationSchema implements DeserializationSchema<FlinkEvent> {

    private static final long serialVersionUID = 1L;

    private transient EventSchemas schemas;
    private transient EventCodec codec;

    @Override
    public void open(InitializationContext context) {
        schemas = EventSchemas.load();
        codec = new EventCodec(schemas);
    }

    @Override
    public FlinkEvent deserialize(byte[] value) throws IOException {
        if (codec == null) {
            open(null);
        }
        GenericRecord event;
        try {
            event = codec.decode(value);
        } catch (RuntimeException e) {
            throw new IOException("not an Eventline event: " + e.getMessage(), e);
        }
        GenericRecord envelope = (GenericRecord) event.get("envelope");
        FlinkEvent out = new FlinkEvent();
        out.eventId = envelope.get("eventId").toString();
        out.type = envelope.get("type").toString();
        out.topic = schemas.catalog().topicOf(out.type).map(TopicSpec::name).orElse("");
        out.tenantId = envelope.get("tenantId").toString();
        out.recordId = envelope.get("recordId").toString();
        out.emittedAt = (Long) envelope.get("emittedAt");
        out.emittedBy = envelope.get("emittedBy").toString();
        out.schemaVersion = (Integer) envelope.get("schemaVersion");
        out.payloadJson = EventJson.payload(event);
        return out;
    }

    @Override
    public boolean isEndOfStream(FlinkEvent next) {
        return false;
    }

    @Override
    public TypeInformation<FlinkEvent> getProducedType() {
        return TypeInformation.of(FlinkEvent.class);
    }
}
