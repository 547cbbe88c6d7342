package dev.eventline.stream.kafka;

import dev.eventline.schemas.kafka.InternalTopics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The used-tickets topic: created when missing, and opened for reading from a point in time. Blocking;
 * used by {@link KafkaTicketRedemptions}'s tail thread.
 */
final class TicketLog {

    /** One partition: every instance reads all of it, and one log orders all redemptions. */
    static final int PARTITIONS = 1;

    private static final Duration RETENTION = Duration.ofHours(1);

    private final Properties clientConfig;
    private final TopicPartition partition;
    private final Duration lookBack;

    TicketLog(Properties clientConfig, String topic, Duration lookBack) {
        this.clientConfig = clientConfig;
        this.partition = new TopicPartition(topic, 0);
        this.lookBack = lookBack;
    }

    /** The topic's only partition. */
    TopicPartition partition() {
        return partition;
    }

    /** A consumer of the topic positioned {@code lookBack} ago (creating the topic first if needed). */
    KafkaConsumer<String, byte[]> open() {
        ensure();
        Properties config = new Properties();
        config.putAll(clientConfig);
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        try {
            consumer.assign(List.of(partition));
            long since = System.currentTimeMillis() - lookBack.toMillis();
            OffsetAndTimestamp from = consumer.offsetsForTimes(Map.of(partition, since), Duration.ofSeconds(30))
                    .get(partition);
            if (from != null) {
                consumer.seek(partition, from.offset());
            } else {
                consumer.seekToEnd(List.of(partition));
            }
            return consumer;
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    private void ensure() {
        InternalTopics.ensure(
                clientConfig,
                partition.topic(),
                PARTITIONS,
                Map.of(
                        // A ticket lives 30 s; an hour of redemptions is plenty to look back on.
                        TopicConfig.RETENTION_MS_CONFIG,
                        String.valueOf(RETENTION.toMillis()),
                        TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_DELETE));
    }
}
