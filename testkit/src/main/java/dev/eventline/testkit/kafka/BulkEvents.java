package dev.eventline.testkit.kafka;

import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.assignment.AssignmentChanged;
import dev.eventline.schemas.assignment.AssignmentStatus;
import dev.eventline.schemas.codec.EventRecords;
import dev.eventline.schemas.common.Envelope;
import dev.eventline.schemas.file.FileProgress;
import dev.eventline.schemas.file.FileStatus;
import dev.eventline.schemas.kafka.KafkaEventRecords;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes many events straight to Kafka as the emitter writes them ({@link EventRecords}: topic, key,
 * value and every header): set-up for tests and benchmarks that should not be limited by HTTP.
 *
 * <p>Not thread-safe; close it when done.
 */
public final class BulkEvents implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final EventSchemas schemas = EventSchemas.load();
    private final EventRecords records = new EventRecords(schemas);

    /** A producer for {@code bootstrapServers} tuned for bulk loading. */
    public BulkEvents(String bootstrapServers) {
        this(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                // Bulk loading: bigger batches than the emitter's latency-minded defaults.
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256 * 1024));
    }

    private BulkEvents(Map<String, Object> settings) {
        this.producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * A producer with the emitter's settings (acks=all, idempotent, linger 5 ms), for measuring latency
     * from emit to delivery as producers see it.
     */
    public static BulkEvents likeTheEmitter(String bootstrapServers) {
        return new BulkEvents(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                // The emitter's values (emitter-service application.yml): a latency figure for what producers get.
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                5));
    }

    /** {@code count} distinct assignment records ({@code prefix-0}, ...) for {@code tenant}; waits for all. */
    public void assignments(String tenant, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            send(tenant, prefix + "-" + i, "Assignment " + i + " of the benchmark");
        }
        producer.flush();
    }

    /** Sends one {@code assignment.created} for record {@code recordId} without waiting; ordered per tenant. */
    public void send(String tenant, String recordId, String title) {
        send(tenant, recordId, title, List.of());
    }

    /** The same, addressed to {@code audience} ({@code user:<id>}, {@code group:<name>} entries). */
    public void send(String tenant, String recordId, String title, List<String> audience) {
        AssignmentChanged event = AssignmentChanged.newBuilder()
                .setEnvelope(envelope("assignment.created", tenant, recordId, audience))
                .setTitle(title)
                .setClassId("7b")
                .setDueAt(null)
                .setStatus(AssignmentStatus.PUBLISHED)
                .build();
        producer.send(KafkaEventRecords.toProducerRecord(records.of(CurrentVersion.stamp(schemas, event))));
    }

    /** Sends one {@code file.progress} of {@code recordId} at {@code percent}, addressed to {@code audience}. */
    public void progress(String tenant, String recordId, int percent, List<String> audience) {
        FileProgress event = FileProgress.newBuilder()
                .setEnvelope(envelope("file.progress", tenant, recordId, audience))
                .setFileName(recordId + ".pdf")
                .setFileType(null)
                .setStatus(percent >= 100 ? FileStatus.READY : FileStatus.PROCESSING)
                .setProgress(Math.min(100, percent))
                .setStage(null)
                .setErrorMessage(null)
                .build();
        producer.send(KafkaEventRecords.toProducerRecord(records.of(CurrentVersion.stamp(schemas, event))));
    }

    /** An envelope as {@link TestEvents} writes them, emitted by the benchmark. */
    private static Envelope envelope(String type, String tenant, String recordId, List<String> audience) {
        return Envelope.newBuilder(TestEvents.envelope(type, tenant, recordId, audience))
                .setEmittedBy("benchmark")
                .build();
    }

    /** Waits until everything sent was acknowledged. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
