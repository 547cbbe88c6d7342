package dev.eventline.stream.snapshot.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.eventline.infra.files.FileTrees;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.assignment.AssignmentChanged;
import dev.eventline.schemas.assignment.AssignmentStatus;
import dev.eventline.schemas.codec.EventCodec;
import dev.eventline.schemas.common.RecordDeleted;
import dev.eventline.stream.kafka.EventDecoder;
import dev.eventline.stream.support.TestEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The snapshot topology's rules without a broker: latest event per record, deletes, positions. */
class SnapshotTopologyTest {

    private static final EventCodec CODEC = new EventCodec(EventSchemas.load());
    private final Path state = stateDir();
    private final TopologyTestDriver driver = new TopologyTestDriver(
            SnapshotTopology.build(List.of("assignments"), new EventDecoder(CODEC)), config(state));
    private final TestInputTopic<String, byte[]> assignments = driver.createInputTopic(
            "assignments", Serdes.String().serializer(), Serdes.ByteArray().serializer());
    private final KeyValueStore<String, byte[]> store =
            driver.getKeyValueStore(SnapshotTopology.storeName("assignments"));

    @AfterEach
    void close() {
        driver.close();
        FileTrees.deleteQuietly(state);
    }

    @Test
    void theStoreKeepsTheLatestEventPerRecordAndForgetsDeletedOnes() {
        assignments.pipeInput("t", CODEC.encode(assignment("t", "a-1", "first")));
        assignments.pipeInput("t", CODEC.encode(assignment("t", "a-1", "second")));
        assignments.pipeInput("t", CODEC.encode(assignment("t", "a-2", "other")));
        assertEquals(
                1,
                StoredEvents.decode("assignments", store.get(StoredEvents.key("t", "a-1")))
                        .offset());

        assignments.pipeInput("t", CODEC.encode(deleted("t", "a-2")));
        assertNull(store.get(StoredEvents.key("t", "a-2")));
        assertNotNull(store.get(StoredEvents.key("t", "a-1")));
    }

    @Test
    void thePositionIsWrittenEveryIntervalAndNeverLeadsTheRecords() {
        assignments.pipeInput("t", CODEC.encode(assignment("t", "a-1", "x")));
        assignments.pipeInput("t", CODEC.encode(assignment("t", "a-2", "y")));
        assertNull(store.get(StoredEvents.positionKey(0)), "not with every record");

        driver.advanceWallClockTime(LatestPerRecord.POSITION_INTERVAL);
        assertEquals(2, StoredEvents.position(store.get(StoredEvents.positionKey(0))));

        assignments.pipeInput("t", new byte[] {1, 2, 3});
        driver.advanceWallClockTime(LatestPerRecord.POSITION_INTERVAL);
        assertEquals(3, StoredEvents.position(store.get(StoredEvents.positionKey(0))), "past unreadable records too");
    }

    private static SpecificRecord assignment(String tenant, String recordId, String title) {
        return AssignmentChanged.newBuilder()
                .setEnvelope(TestEvents.envelope("assignment.created", tenant, recordId, List.of()))
                .setTitle(title)
                .setClassId(null)
                .setDueAt(null)
                .setStatus(AssignmentStatus.PUBLISHED)
                .build();
    }

    private static SpecificRecord deleted(String tenant, String recordId) {
        return RecordDeleted.newBuilder()
                .setEnvelope(TestEvents.envelope("assignment.deleted", tenant, recordId, List.of()))
                .setReason(null)
                .build();
    }

    private static Path stateDir() {
        try {
            return Files.createTempDirectory("snapshot-topology-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties config(Path state) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "snapshot-topology-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class);
        config.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        return config;
    }
}
