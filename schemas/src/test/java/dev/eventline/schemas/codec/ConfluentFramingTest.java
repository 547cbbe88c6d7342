package dev.eventline.schemas.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.evolution.ReleasedSchemas;
import dev.eventline.schemas.file.FileProgress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.RandomData;
import org.junit.jupiter.api.Test;

class ConfluentFramingTest {

    private final EventSchemas schemas = EventSchemas.load();
    private final SchemaIds ids = SchemaIds.derived(schemas);
    private final EventCodec confluent = new EventCodec(schemas, WireFormat.CONFLUENT, ids);
    private final EventCodec singleObject = new EventCodec(schemas);

    @Test
    void valueStartsWithMagicByteZeroAndTheSchemasIdBigEndian() {
        byte[] value = confluent.encode(EventCodecTest.fileProgress());

        assertEquals(0, value[0]);
        int id = ByteBuffer.wrap(value, 1, 4).getInt();
        assertEquals(ids.idOf(FileProgress.getClassSchema()), id);
        assertEquals(FileProgress.getClassSchema(), ids.schemaOf(id).orElseThrow());
        assertEquals(WireFormat.CONFLUENT, WireFormat.of(value));
    }

    @Test
    void aTopicHoldingBothFormatsDecodesBoth() {
        FileProgress event = EventCodecTest.fileProgress();

        assertEquals(event, singleObject.decodeSpecific(confluent.encode(event)));
        assertEquals(event, confluent.decodeSpecific(singleObject.encode(event)));
        assertEquals(singleObject.decode(singleObject.encode(event)), singleObject.decode(confluent.encode(event)));
    }

    @Test
    void everyCatalogSchemaRoundTripsInConfluentFraming() {
        for (Schema schema : schemas.currentSchemas()) {
            for (Object datum : new RandomData(schema, 10, 7L)) {
                GenericRecord record = (GenericRecord) datum;
                assertEquals(record, confluent.decode(confluent.encode(record)), schema.getFullName());
            }
        }
    }

    @Test
    void aRecordOfAnOlderReleasedVersionDecodesInTodaysShape() {
        Schema v1 = ReleasedSchemas.load()
                .versionsOf(FileProgress.getClassSchema().getFullName())
                .get(0);
        GenericData.Record old =
                (GenericData.Record) new RandomData(v1, 1, 3L).iterator().next();

        byte[] value = confluent.encode(old);
        GenericRecord decoded = confluent.decode(value);

        assertEquals(ids.idOf(v1), ByteBuffer.wrap(value, 1, 4).getInt());
        assertEquals(FileProgress.getClassSchema(), decoded.getSchema());
        assertEquals(old.get("fileName"), decoded.get("fileName"));
        assertNull(((GenericRecord) decoded.get("envelope")).get("actor"), "v1 had no actor; today's default");
    }

    @Test
    void anUnknownIdOrATruncatedValueIsUndecodableAndSaysWhy() {
        byte[] value = confluent.encode(EventCodecTest.fileProgress());
        byte[] unknown = value.clone();
        ByteBuffer.wrap(unknown, 1, 4).putInt(0x7FFF_FFFF ^ ids.idOf(FileProgress.getClassSchema()));
        UndecodableEventException error =
                assertThrows(UndecodableEventException.class, () -> confluent.decode(unknown));
        assertTrue(error.getMessage().contains("registry id"), error.getMessage());

        assertThrows(UndecodableEventException.class, () -> confluent.decode(Arrays.copyOf(value, 4)));
        assertThrows(UndecodableEventException.class, () -> confluent.decode(Arrays.copyOf(value, 9)));
        assertThrows(UndecodableEventException.class, () -> confluent.decode(new byte[] {7, 0, 0, 0, 1, 2}));
    }

    @Test
    void everyKnownSchemaHasItsOwnIdAndIdsNeverChange() {
        Set<Integer> seen = new HashSet<>();
        for (Schema schema : schemas.all()) {
            int id = ids.idOf(schema);
            assertTrue(id > 0, schema.getFullName());
            assertTrue(seen.add(id), schema.getFullName() + " shares id " + id);
            assertEquals(schema, ids.schemaOf(id).orElseThrow());
        }
        // Pinned: data teams' tools and external copies of the registry hold these ids forever.
        Schema firstRelease = ReleasedSchemas.load()
                .versionsOf("dev.eventline.schemas.assignment.AssignmentChanged")
                .get(0);
        assertEquals(PINNED_ASSIGNMENT_CHANGED_V1, ids.idOf(firstRelease));
        assertNotEquals(
                ids.idOf(firstRelease),
                ids.idOf(schemas.current(firstRelease.getFullName()).orElseThrow()));
    }

    private static final int PINNED_ASSIGNMENT_CHANGED_V1 = 2_006_213_175;
}
