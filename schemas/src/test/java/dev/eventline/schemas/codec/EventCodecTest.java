package dev.eventline.schemas.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.catalog.TopicCatalog;
import dev.eventline.schemas.common.Envelope;
import dev.eventline.schemas.evolution.ReleasedSchemas;
import dev.eventline.schemas.file.FileProgress;
import dev.eventline.schemas.file.FileStatus;
import dev.eventline.schemas.file.ProcessingStage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.RandomData;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private final EventSchemas schemas = EventSchemas.load();
    private final EventCodec codec = new EventCodec(schemas);

    @Test
    void everyCatalogSchemaRoundTripsAsGenericRecord() {
        for (Schema schema : schemas.currentSchemas()) {
            for (Object datum : new RandomData(schema, 20, 42L)) {
                GenericRecord record = (GenericRecord) datum;
                assertEquals(record, codec.decode(codec.encode(record)), schema.getFullName());
            }
        }
    }

    @Test
    void generatedClassRoundTripsWithLogicalTypes() {
        FileProgress progress = fileProgress();
        assertEquals(progress, codec.decodeSpecific(codec.encode(progress)));
    }

    @Test
    void valueStartsWithSingleObjectMarkerAndWriterFingerprint() {
        byte[] value = codec.encode(fileProgress());
        assertArrayEquals(new byte[] {(byte) 0xC3, 0x01}, Arrays.copyOf(value, 2));
        long fingerprint =
                ByteBuffer.wrap(value, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(EventSchemas.fingerprint(FileProgress.getClassSchema()), fingerprint);
        assertEquals(fingerprint, EventCodec.fingerprint(value));
    }

    @Test
    void recordWrittenWithAnOlderReleasedVersionDecodesInTodaysShape() {
        Schema current = FileProgress.getClassSchema();
        Schema older = withoutField(current, "errorMessage");
        EventSchemas withHistory = EventSchemas.load(
                TopicCatalog.load(), new ReleasedSchemas(Map.of(current.getFullName(), List.of(older, current))));
        GenericRecord old =
                (GenericRecord) new RandomData(older, 1, 7L).iterator().next();

        GenericRecord decoded = new EventCodec(withHistory).decode(new EventCodec(withHistory).encode(old));

        assertEquals(current, decoded.getSchema());
        assertEquals(old.get("fileName"), decoded.get("fileName"));
        assertNull(decoded.get("errorMessage"));
        assertEquals(2, withHistory.version(current.getFullName()));
    }

    @Test
    void refusesValuesThatAreNotEventsOrHaveUnknownSchemas() {
        assertThrows(UndecodableEventException.class, () -> codec.decode("{\"json\":1}".getBytes()));
        byte[] unknown = codec.encode(fileProgress());
        unknown[5] ^= 0x55;
        assertThrows(UndecodableEventException.class, () -> codec.decode(unknown));
        byte[] truncated = Arrays.copyOf(codec.encode(fileProgress()), 14);
        assertThrows(UndecodableEventException.class, () -> codec.decode(truncated));
    }

    static FileProgress fileProgress() {
        return FileProgress.newBuilder()
                .setEnvelope(Envelope.newBuilder()
                        .setEventId(UUID.randomUUID())
                        .setType("file.progress")
                        .setTenantId("t1")
                        .setRecordId("file-1")
                        .setEmittedAt(Instant.parse("2026-11-22T10:15:30.123Z"))
                        .setEmittedBy("worker")
                        .setAudience(List.of("u1"))
                        .setSchemaVersion(1)
                        .build())
                .setFileName("notes.pdf")
                .setFileType("application/pdf")
                .setStatus(FileStatus.PROCESSING)
                .setProgress(40)
                .setStage(ProcessingStage.EMBEDDING)
                .setErrorMessage(null)
                .build();
    }

    private static Schema withoutField(Schema schema, String drop) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            if (!field.name().equals(drop)) {
                fields.add(new Schema.Field(field, field.schema()));
            }
        }
        Schema copy = Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
        GenericData.get().validate(copy, null);
        return copy;
    }
}
