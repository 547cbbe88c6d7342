package dev.eventline.schemas.kafka;

import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.codec.EventCodec;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka {@link Deserializer} for event values: any event of any released schema version, as a generic
 * record in the current schema of its type. Use with {@code StringDeserializer} for keys.
 *
 * <p>Throws {@link dev.eventline.schemas.codec.UndecodableEventException} for values that are not
 * events; Kafka then reports the record's position so a reader can skip it. Thread-safe.
 */
public final class EventDeserializer implements Deserializer<GenericRecord> {

    private final EventCodec codec;

    /** Reads with the schemas shipped in this jar. */
    public EventDeserializer() {
        this(new EventCodec(EventSchemas.load()));
    }

    /** Reads with the given codec. */
    public EventDeserializer(EventCodec codec) {
        this.codec = codec;
    }

    @Override
    public GenericRecord deserialize(String topic, byte[] data) {
        return data == null ? null : codec.decode(data);
    }
}
