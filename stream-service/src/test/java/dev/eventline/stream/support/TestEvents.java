package dev.eventline.stream.support;

import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.assignment.AssignmentChanged;
import dev.eventline.schemas.assignment.AssignmentStatus;
import dev.eventline.schemas.codec.EventCodec;
import dev.eventline.schemas.codec.EventHeaders;
import dev.eventline.schemas.common.Envelope;
import dev.eventline.schemas.common.RecordDeleted;
import dev.eventline.schemas.file.FileProgress;
import dev.eventline.schemas.file.FileStatus;
import dev.eventline.schemas.notification.NotificationCreated;
import dev.eventline.schemas.notification.NotificationKind;
import dev.eventline.schemas.project.JobProgress;
import dev.eventline.schemas.submission.SubmissionChanged;
import dev.eventline.schemas.submission.SubmissionStatus;
import dev.eventline.testkit.kafka.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes events exactly as emitter-service does (Avro single-object value, tenant key, headers), so
 * stream tests run without an emitter in the same JVM.
 */
public final class TestEvents implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final EventCodec codec = new EventCodec(EventSchemas.load());

    public TestEvents(TestKafka kafka) {
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
                .setSchemaVersion(1)
                .build();
    }

    public RecordMetadata assignment(String tenant, String recordId, String title) {
        return send(
                "assignments",
                tenant,
                AssignmentChanged.newBuilder()
                        .setEnvelope(envelope("assignment.created", tenant, recordId, List.of()))
                        .setTitle(title)
                        .setClassId(null)
                        .setDueAt(null)
                        .setStatus(AssignmentStatus.PUBLISHED)
                        .build());
    }

    public RecordMetadata submission(String tenant, String recordId, double score) {
        return send(
                "submissions",
                tenant,
                SubmissionChanged.newBuilder()
                        .setEnvelope(envelope("submission.updated", tenant, recordId, List.of()))
                        .setAssignmentId("a-1")
                        .setPupilId("p-1")
                        .setStatus(SubmissionStatus.MARKED)
                        .setScore(score)
                        .setMaxScore(10.0)
                        .build());
    }

    public RecordMetadata deleted(String topic, String type, String tenant, String recordId) {
        return deleted(topic, type, tenant, recordId, List.of());
    }

    /** A deletion addressed to {@code audience}. */
    public RecordMetadata deleted(String topic, String type, String tenant, String recordId, List<String> audience) {
        return send(
                topic,
                tenant,
                RecordDeleted.newBuilder()
                        .setEnvelope(envelope(type, tenant, recordId, audience))
                        .setReason(null)
                        .build());
    }

    /** A project's job progress ({@code projects}, addressed to the tenant) with {@code audience}. */
    public RecordMetadata job(String tenant, String recordId, List<String> audience) {
        return send(
                "projects",
                tenant,
                JobProgress.newBuilder()
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
        return send(
                "files",
                tenant,
                FileProgress.newBuilder()
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
        return send(
                "submissions",
                tenant,
                SubmissionChanged.newBuilder()
                        .setEnvelope(envelope("submission.created", tenant, recordId, List.of()))
                        .setAssignmentId(assignmentId)
                        .setPupilId("p-1")
                        .setStatus(SubmissionStatus.SUBMITTED)
                        .setScore(null)
                        .setMaxScore(null)
                        .build());
    }

    public RecordMetadata notification(String tenant, String recordId, List<String> audience) {
        return send(
                "notifications",
                tenant,
                NotificationCreated.newBuilder()
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
            producer.send(new ProducerRecord<>("assignments", tenant, codec.encode(event)));
        }
        producer.flush();
    }

    public RecordMetadata send(String topic, String tenant, SpecificRecord event) {
        Envelope envelope = (Envelope) event.get(0);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, tenant, codec.encode(event));
        record.headers()
                .add(new RecordHeader(EventHeaders.TYPE, envelope.getType().getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader(EventHeaders.TENANT, tenant.getBytes(StandardCharsets.UTF_8)));
        try {
            return producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
