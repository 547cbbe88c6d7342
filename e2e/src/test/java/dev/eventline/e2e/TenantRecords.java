package dev.eventline.e2e;

import dev.eventline.schemas.codec.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What Kafka holds of one tenant in one topic, read from the beginning: how tests count writes. */
final class TenantRecords {

    private TenantRecords() {}

    /**
     * The event id of every record of {@code tenant} in {@code topic} up to its current end, duplicates
     * included, in no set order.
     *
     * @throws AssertionError when the topic cannot be read within {@code timeout}
     */
    static List<String> eventIds(String bootstrapServers, String topic, String tenant, Duration timeout) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<String> ids = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Header recordTenant = record.headers().lastHeader(EventHeaders.TENANT);
                    if (recordTenant != null
                            && tenant.equals(new String(recordTenant.value(), StandardCharsets.UTF_8))) {
                        ids.add(new String(
                                record.headers()
                                        .lastHeader(EventHeaders.EVENT_ID)
                                        .value(),
                                StandardCharsets.UTF_8));
                    }
                }
            }
            return ids;
        }
    }
}
