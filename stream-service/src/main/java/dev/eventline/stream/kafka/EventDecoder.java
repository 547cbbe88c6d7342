package dev.eventline.stream.kafka;

import dev.eventline.schemas.codec.EventCodec;
import dev.eventline.schemas.codec.UndecodableEventException;
import dev.eventline.schemas.json.EventJson;
import dev.eventline.stream.cursor.PartitionRef;
import dev.eventline.stream.subscription.LogEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a Kafka record into a {@link LogEvent} once, for all subscribers: the Avro value decoded and
 * written as the JSON a browser gets ({@link EventJson}).
 *
 * <p>Used by the live tail, the catch-up readers and the snapshot topology, so that a record reads the
 * same everywhere. Thread-safe.
 */
public final class EventDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(EventDecoder.class);

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
                    EventJson.write(topic, event));
        } catch (UndecodableEventException | ClassCastException | NullPointerException e) {
            LOG.warn("skipping {}-{}@{}: not a readable event ({})", topic, partition, offset, e.getMessage());
            return null;
        }
    }
}
