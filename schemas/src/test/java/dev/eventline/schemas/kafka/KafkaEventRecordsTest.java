package dev.eventline.schemas.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eventline.schemas.codec.EventRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class KafkaEventRecordsTest {

    @Test
    void aKeyLandsWhereTheProducersOwnPartitionerPutsIt() {
        for (int i = 0; i < 1_000; i++) {
            String key = "tenant-" + i;
            for (int partitions : new int[] {1, 3, 6, 12}) {
                assertEquals(
                        BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions),
                        KafkaEventRecords.partitionOf(key, partitions),
                        key + " over " + partitions);
            }
        }
    }

    @Test
    void theProducerRecordCarriesTopicKeyValueAndEveryHeader() {
        EventRecord event = new EventRecord("files", "t-1", new byte[] {1, 2}, Map.of("a", "1", "b", "ü"));
        ProducerRecord<String, byte[]> record = KafkaEventRecords.toProducerRecord(event);
        assertEquals("files", record.topic());
        assertEquals("t-1", record.key());
        assertArrayEquals(new byte[] {1, 2}, record.value());
        assertEquals(null, record.partition(), "left to the producer's partitioner");
        assertEquals("1", new String(record.headers().lastHeader("a").value(), StandardCharsets.UTF_8));
        assertEquals("ü", new String(record.headers().lastHeader("b").value(), StandardCharsets.UTF_8));
    }
}
