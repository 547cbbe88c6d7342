package dev.eventline.schemas.kafka;

import dev.eventline.schemas.codec.EventRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.utils.Utils;

/**
 * An {@link EventRecord} in Kafka's types, and where Kafka puts its key: the one home of both for
 * producers (the emitter, the tests' and benchmarks' writers) and for readers that must find a key's
 * partition (the emitter's lookup of an earlier attempt, the stream's record filter).
 *
 * <p>Stateless and thread-safe.
 */
public final class KafkaEventRecords {

    private KafkaEventRecords() {}

    /** The producer record of {@code event}; the partition is left to the producer's partitioner. */
    public static ProducerRecord<String, byte[]> toProducerRecord(EventRecord event) {
        List<Header> headers = new ArrayList<>(event.headers().size());
        for (Map.Entry<String, String> header : event.headers().entrySet()) {
            headers.add(new RecordHeader(header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8)));
        }
        return new ProducerRecord<>(event.topic(), null, event.key(), event.value(), headers);
    }

    /**
     * The partition the producer's default partitioner gives {@code key} among {@code partitions}:
     * murmur2 of the key's UTF-8 bytes, as Kafka's own clients of every language compute it for keyed
     * records.
     */
    public static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
