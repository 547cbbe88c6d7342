package dev.eventline.emitter.kafka;

import dev.eventline.emitter.ingest.EventLog;
import dev.eventline.emitter.ingest.EventLogException;
import dev.eventline.emitter.ingest.Receipt;
import dev.eventline.schemas.codec.EventHeaders;
import dev.eventline.schemas.codec.EventRecord;
import dev.eventline.schemas.kafka.KafkaEventRecords;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@link EventLog} on Kafka: one shared, thread-safe idempotent producer (acks=all), so a receipt
 * always means the record is on every in-sync replica.
 *
 * <p>{@link #append} does not wait for the broker; it may block up to {@code max.block.ms} when the
 * producer's buffer is full or metadata is missing, which bounds the emitter's memory.
 */
@Singleton
public final class KafkaEventLog implements EventLog {

    /** The micronaut-kafka client id; its settings live under {@code kafka.producers.events}. */
    public static final String CLIENT_ID = "events";

    // A lookup reads one partition from a claim's time on: seconds of records, rarely more.
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<String, byte[]> producer;
    private final Properties clientConfig;
    private final Executor lookups;

    /**
     * Uses the producer micronaut-kafka builds from {@code kafka.*} and {@code kafka.producers.events.*};
     * lookups read with a consumer of the {@code kafka.*} settings on the blocking executor.
     */
    @Inject
    public KafkaEventLog(
            @KafkaClient(CLIENT_ID) Producer<String, byte[]> producer,
            KafkaDefaultConfiguration kafka,
            @Named(TaskExecutors.BLOCKING) Executor lookups) {
        this.producer = producer;
        this.clientConfig = kafka.getConfig();
        this.lookups = lookups;
    }

    /** Appends only; {@link #find} is not available (unit tests of the producer path). */
    KafkaEventLog(Producer<String, byte[]> producer) {
        this.producer = producer;
        this.clientConfig = null;
        this.lookups = Runnable::run;
    }

    @Override
    public CompletionStage<Receipt> append(EventRecord record) {
        ProducerRecord<String, byte[]> kafkaRecord = KafkaEventRecords.toProducerRecord(record);
        CompletableFuture<Receipt> receipt = new CompletableFuture<>();
        try {
            producer.send(kafkaRecord, (metadata, error) -> {
                if (error != null) {
                    receipt.completeExceptionally(KafkaErrors.classify(error));
                } else {
                    receipt.complete(new Receipt(
                            metadata.topic(),
                            metadata.partition(),
                            metadata.offset(),
                            Instant.ofEpochMilli(metadata.timestamp())));
                }
            });
        } catch (RuntimeException e) {
            // send() throws synchronously for buffer timeouts and serialization errors.
            receipt.completeExceptionally(KafkaErrors.classify(e));
        }
        return receipt;
    }

    @Override
    public CompletionStage<Optional<Receipt>> find(EventRecord record, UUID eventId, Instant since) {
        return CompletableFuture.supplyAsync(() -> scan(record, eventId, since), lookups);
    }

    private Optional<Receipt> scan(EventRecord record, UUID eventId, Instant since) {
        Properties config = new Properties();
        config.putAll(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        long deadline = System.nanoTime() + LOOKUP_TIMEOUT.toNanos();
        byte[] wanted = eventId.toString().getBytes(StandardCharsets.UTF_8);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            int partitions =
                    consumer.partitionsFor(record.topic(), LOOKUP_TIMEOUT).size();
            // Where the producer's default partitioner put the key.
            TopicPartition partition =
                    new TopicPartition(record.topic(), KafkaEventRecords.partitionOf(record.key(), partitions));
            List<TopicPartition> assigned = List.of(partition);
            consumer.assign(assigned);
            long end = consumer.endOffsets(assigned, LOOKUP_TIMEOUT).get(partition);
            OffsetAndTimestamp from = consumer.offsetsForTimes(Map.of(partition, since.toEpochMilli()), LOOKUP_TIMEOUT)
                    .get(partition);
            if (from == null) {
                return Optional.empty();
            }
            consumer.seek(partition, from.offset());
            while (consumer.position(partition) < end) {
                if (System.nanoTime() > deadline) {
                    throw new EventLogException(
                            EventLogException.Kind.RETRY, "looking for an earlier attempt timed out", null);
                }
                for (ConsumerRecord<byte[], byte[]> found : consumer.poll(Duration.ofMillis(500))) {
                    Header id = found.headers().lastHeader(EventHeaders.EVENT_ID);
                    if (found.offset() < end && id != null && Arrays.equals(id.value(), wanted)) {
                        return Optional.of(new Receipt(
                                found.topic(),
                                found.partition(),
                                found.offset(),
                                Instant.ofEpochMilli(found.timestamp())));
                    }
                }
            }
            return Optional.empty();
        } catch (KafkaException e) {
            throw KafkaErrors.classify(e);
        }
    }
}
