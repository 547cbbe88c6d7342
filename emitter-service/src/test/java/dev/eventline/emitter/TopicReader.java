package dev.eventline.emitter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.testkit.kafka.TestKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads records back from the test broker by exact position. */
public final class TopicReader {

    private TopicReader() {}

    /** The records of {@code topic}/{@code partition} from {@code from} (inclusive) to the end. */
    public static List<ConsumerRecord<String, byte[]>> readFrom(
            TestKafka kafka, String topic, int partition, long from) {
        TopicPartition tp = new TopicPartition(topic, partition);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            consumer.seek(tp, from);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(tp) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** The record an emit answered for: at the topic, partition and offset of {@code receipt} (its JSON). */
    public static ConsumerRecord<String, byte[]> recordAt(TestKafka kafka, String receipt) {
        JsonNode position;
        try {
            position = new ObjectMapper().readTree(receipt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return readFrom(
                        kafka,
                        position.get("topic").asText(),
                        position.get("partition").asInt(),
                        position.get("offset").asLong())
                .get(0);
    }

    /** The next offset of every partition of {@code topic}. */
    public static Map<TopicPartition, Long> endOffsets(TestKafka kafka, String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            return consumer.endOffsets(partitions);
        }
    }
}
