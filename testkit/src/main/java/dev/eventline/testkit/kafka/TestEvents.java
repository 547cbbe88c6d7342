package dev.eventline.testkit.kafka;

import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.assignment.AssignmentChanged;
import dev.eventline.schemas.assignment.AssignmentStatus;
import dev.eventline.schemas.codec.EventCodec;
import dev.eventline.schemas.codec.EventRecords;
import dev.eventline.schemas.codec.SchemaIds;
import dev.eventline.schemas.codec.WireFormat;
import dev.eventline.schemas.common.Envelope;
import dev.eventline.schemas.common.RecordDeleted;
import dev.eventline.schemas.file.FileProgress;
import dev.eventline.schemas.file.FileStatus;
import dev.eventline.schemas.kafka.KafkaEventRecords;
import dev.eventline.schemas.notification.NotificationCreated;
import dev.eventline.schemas.notification.NotificationKind;
import dev.eventline.schemas.project.JobProgress;
import dev.eventline.schemas.submission.SubmissionChanged;
import dev.eventline.schemas.submission.SubmissionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes events exactly as emitter-service does ({@link EventRecords}: topic, key, value and every
 * header), so stream tests run without an emitter in the same JVM. Not thread-safe; close it when done.
 */
public final class TestEvents implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final EventSchemas schemas = EventSchemas.load();
    private final EventRecords records;

    /** Writes values in single-object encoding, the emitter's default. */
    public TestEvents(TestKafka kafka) {
        this(kafka, WireFormat.SINGLE_OBJECT);
    }

    /** Writes values in {@code format}, as an emitter configured with it does. */
    public TestEvents(TestKafka kafka, WireFormat format) {
        records = new EventRecords(schemas, new EventCodec(schemas, format, SchemaIds.derived(schemas)));
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    public static Envelope envelope(String type, String tenant, String recordId, List<String> audience) {
        return Envelope.newBuilder()
                .setEventId(UUID.randomUUID())
                .setType(type)
                .setTenantId(tenant)
                .setRecordId(recordId)
                .setEmittedAt(Instant.now())
                .setEmittedBy("test")
                .setAudience(audience)
                .setSchemaVersion(0) // stamped with the schema's version when sent
                .build();
    }

    public RecordMetadata assignment(String tenant, String recordId, String title) {
        return send(AssignmentChanged.newBuilder()
                .setEnvelope(envelope("assignment.created", tenant, recordId, List.of()))
                .setTitle(title)
                .setClassId(null)
                .setDueAt(null)
                .setStatus(AssignmentStatus.PUBLISHED)
                .build());
    }

    public RecordMetadata submission(String tenant, String recordId, double score) {
        return send(SubmissionChanged.newBuilder()
                .setEnvelope(envelope("submission.updated", tenant, recordId, List.of()))
                .setAssignmentId("a-1")
                .setPupilId("p-1")
                .setStatus(SubmissionStatus.MARKED)
                .setScore(score)
                .setMaxScore(10.0)
                .build());
    }

    public RecordMetadata deleted(String type, String tenant, String recordId) {
        return deleted(type, tenant, recordId, List.of());
    }

    /** A deletion addressed to {@code audience}. */
    public RecordMetadata deleted(String type, String tenant, String recordId, List<String> audience) {
        return send(RecordDeleted.newBuilder()
                .setEnvelope(envelope(type, tenant, recordId, audience))
                .setReason(null)
                .build());
    }

    /** A project's job progress ({@code projects}, addressed to the tenant) with {@code audience}. */
    public RecordMetadata job(String tenant, String recordId, List<String> audience) {
        return send(JobProgress.newBuilder()
                .setEnvelope(envelope("job.progress", tenant, recordId, audience))
                .setProjectId("p")
                .setStage("indexing")
                .setCurrent(1)
                .setTotal(2)
                .setMessage(null)
                .build());
    }

    /** A file's progress ({@code files}, addressed by audience) with {@code audience}. */
    public RecordMetadata file(String tenant, String recordId, List<String> audience) {
        return send(FileProgress.newBuilder()
                .setEnvelope(envelope("file.progress", tenant, recordId, audience))
                .setFileName("essay.pdf")
                .setFileType(null)
                .setStatus(FileStatus.READY)
                .setProgress(100)
                .setStage(null)
                .setErrorMessage(null)
                .build());
    }

    public RecordMetadata submission(String tenant, String recordId, String assignmentId) {
        return send(SubmissionChanged.newBuilder()
                .setEnvelope(envelope("submission.created", tenant, recordId, List.of()))
                .setAssignmentId(assignmentId)
                .setPupilId("p-1")
                .setStatus(SubmissionStatus.SUBMITTED)
                .setScore(null)
                .setMaxScore(null)
                .build());
    }

    public RecordMetadata notification(String tenant, String recordId, List<String> audience) {
        return send(NotificationCreated.newBuilder()
                .setEnvelope(envelope("notification.created", tenant, recordId, audience))
                .setKind(NotificationKind.URGENT)
                .setTitle("t")
                .setMessage("m")
                .setActionUrl(null)
                .setGroupKey(null)
                .build());
    }

    /** Sends {@code count} assignment events ("prefix-0", ...) without waiting for each; flushes at the end. */
    public void assignments(String tenant, String prefix, int count, int titleLength) {
        String title = "t".repeat(titleLength);
        for (int i = 0; i < count; i++) {
            AssignmentChanged event = AssignmentChanged.newBuilder()
                    .setEnvelope(envelope("assignment.created", tenant, prefix + "-" + i, List.of()))
                    .setTitle(title)
                    .setClassId(null)
                    .setDueAt(null)
                    .setStatus(AssignmentStatus.PUBLISHED)
                    .build();
            producer.send(KafkaEventRecords.toProducerRecord(records.of(CurrentVersion.stamp(schemas, event))));
        }
        producer.flush();
    }

    /** Sends {@code event} as the emitter would and waits for Kafka's acknowledgement. */
    public RecordMetadata send(SpecificRecordBase event) {
        return send(event, Map.of());
    }

    /**
     * Sends {@code event} with the W3C trace context headers in {@code trace} ({@code traceparent},
     * {@code tracestate}), as the emitter writes a traced emit, and waits for the acknowledgement.
     */
    public RecordMetadata send(SpecificRecordBase event, Map<String, String> trace) {
        try {
            return producer.send(KafkaEventRecords.toProducerRecord(
                            records.of(CurrentVersion.stamp(schemas, event)).withTrace(trace)))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
