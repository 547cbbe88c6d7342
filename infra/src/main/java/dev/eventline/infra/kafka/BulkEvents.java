package dev.eventline.infra.kafka;

import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.assignment.AssignmentChanged;
import dev.eventline.schemas.assignment.AssignmentStatus;
import dev.eventline.schemas.codec.EventCodec;
import dev.eventline.schemas.codec.EventHeaders;
import dev.eventline.schemas.common.Envelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes many events straight to Kafka, encoded as the emitter encodes them (Avro single-object,
 * headers, tenant key): benchmark set-up that should not be limited by HTTP.
 *
 * <p>Not thread-safe; close it when done.
 */
public final class BulkEvents implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final EventCodec codec = new EventCodec(EventSchemas.load());

    /** A producer for {@code bootstrapServers}. */
    public BulkEvents(String bootstrapServers) {
        this.producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        // Bulk loading: bigger batches than the emitter's latency-minded defaults.
                        ProducerConfig.LINGER_MS_CONFIG,
                        20,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        256 * 1024),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /** {@code count} distinct assignment records ({@code prefix-0}, ...) for {@code tenant}; waits for all. */
    public void assignments(String tenant, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            AssignmentChanged event = AssignmentChanged.newBuilder()
                    .setEnvelope(Envelope.newBuilder()
                            .setEventId(UUID.randomUUID())
                            .setType("assignment.created")
                            .setTenantId(tenant)
                            .setRecordId(prefix + "-" + i)
                            .setEmittedAt(Instant.now())
                            .setEmittedBy("benchmark")
                            .setAudience(List.of())
                            .setSchemaVersion(1)
                            .build())
                    .setTitle("Assignment " + i + " of the benchmark")
                    .setClassId("7b")
                    .setDueAt(null)
                    .setStatus(AssignmentStatus.PUBLISHED)
                    .build();
            ProducerRecord<String, byte[]> record = new ProducerRecord<>("assignments", tenant, codec.encode(event));
            record.headers().add(EventHeaders.TYPE, "assignment.created".getBytes(StandardCharsets.UTF_8));
            record.headers().add(EventHeaders.TENANT, tenant.getBytes(StandardCharsets.UTF_8));
            producer.send(record);
        }
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
