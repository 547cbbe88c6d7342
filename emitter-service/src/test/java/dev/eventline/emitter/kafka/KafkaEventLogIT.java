package dev.eventline.emitter.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eventline.emitter.ingest.EventLog;
import dev.eventline.emitter.ingest.Receipt;
import dev.eventline.infra.token.DevTokens;
import dev.eventline.schemas.codec.EventRecord;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.ServiceTestProperties;
import dev.eventline.testkit.kafka.TestKafka;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The platform's own producer configuration against the real broker. */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaEventLogIT {

    @Test
    void appendedRecordIsConsumedBackWithKeyValueAndHeaders(TestKafka kafka) throws Exception {
        String topic = kafka.createTopic("emit", 3);
        try (ApplicationContext context =
                ApplicationContext.run(ServiceTestProperties.against(kafka, DevTokens.randomSecret(), Map.of()))) {
            byte[] value = "encoded-event".getBytes(StandardCharsets.UTF_8);
            Receipt receipt = context.getBean(EventLog.class)
                    .append(new EventRecord(topic, "tenant-a", value, Map.of("eventline-type", "x.created")))
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            assertEquals(topic, receipt.topic());

            ConsumerRecord<String, byte[]> record =
                    readAt(kafka, new TopicPartition(topic, receipt.partition()), receipt.offset());
            assertEquals("tenant-a", record.key());
            assertArrayEquals(value, record.value());
            assertEquals(
                    "x.created",
                    new String(record.headers().lastHeader("eventline-type").value(), StandardCharsets.UTF_8));
            assertEquals(receipt.timestamp().toEpochMilli(), record.timestamp());
        }
    }

    private static ConsumerRecord<String, byte[]> readAt(TestKafka kafka, TopicPartition partition, long offset) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, offset);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    return record;
                }
            }
            throw new AssertionError("no record at " + partition + "@" + offset);
        }
    }
}
