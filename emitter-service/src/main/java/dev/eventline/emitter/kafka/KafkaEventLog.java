package dev.eventline.emitter.kafka;

import dev.eventline.emitter.ingest.EventLog;
import dev.eventline.emitter.ingest.LogRecord;
import dev.eventline.emitter.ingest.Receipt;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

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

    private final Producer<String, byte[]> producer;

    /** Uses the producer micronaut-kafka builds from {@code kafka.*} and {@code kafka.producers.events.*}. */
    public KafkaEventLog(@KafkaClient(CLIENT_ID) Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    @Override
    public CompletionStage<Receipt> append(LogRecord record) {
        List<Header> headers = new ArrayList<>(record.headers().size());
        record.headers()
                .forEach((name, value) -> headers.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
        ProducerRecord<String, byte[]> kafkaRecord =
                new ProducerRecord<>(record.topic(), null, record.key(), record.value(), headers);
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
}
