package dev.eventline.stream.snapshot.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.infra.files.FileTrees;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.assignment.AssignmentChanged;
import dev.eventline.schemas.assignment.AssignmentStatus;
import dev.eventline.schemas.catalog.RecordFold;
import dev.eventline.schemas.codec.EventCodec;
import dev.eventline.schemas.common.RecordDeleted;
import dev.eventline.schemas.notification.NotificationCreated;
import dev.eventline.schemas.notification.NotificationKind;
import dev.eventline.schemas.notification.NotificationRead;
import dev.eventline.stream.kafka.EventDecoder;
import dev.eventline.stream.subscription.LogEvent;
import dev.eventline.testkit.kafka.TestEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The snapshot topology's rules without a broker: kept events per record, deletes, positions. */
class SnapshotTopologyTest {

    private static final EventCodec CODEC = new EventCodec(EventSchemas.load());
    private static final RecordFold FOLD = RecordFold.of(EventSchemas.load().catalog());
    private final Path state = stateDir();
    private final TopologyTestDriver driver = new TopologyTestDriver(
            SnapshotTopology.build(List.of("assignments", "notifications"), new EventDecoder(CODEC), FOLD),
            config(state));
    private final TestInputTopic<String, byte[]> assignments = driver.createInputTopic(
            "assignments", Serdes.String().serializer(), Serdes.ByteArray().serializer());
    private final TestInputTopic<String, byte[]> notifications = driver.createInputTopic(
            "notifications", Serdes.String().serializer(), Serdes.ByteArray().serializer());
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
                List.of(1L),
                StoredEvents.decode("assignments", store.get(StoredEvents.key("t", "a-1"))).stream()
                        .map(LogEvent::offset)
                        .toList());

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

    @Test
    void theGroupIndexFollowsEachRecordsLatestAudience() {
        assignments.pipeInput("t", CODEC.encode(assignment("t", "a-1", "x", List.of("group:g-1", "group:g-2"))));
        assertIndexed("g-1", "a-1");
        assertIndexed("g-2", "a-1");

        assignments.pipeInput("t", CODEC.encode(assignment("t", "a-1", "y", List.of("group:g-2", "user:u"))));
        assertNull(store.get(StoredEvents.groupKey("t", "g-1", "a-1")), "no longer addressed to g-1");
        assertIndexed("g-2", "a-1");

        assignments.pipeInput("t", CODEC.encode(deleted("t", "a-1")));
        assertNull(store.get(StoredEvents.groupKey("t", "g-2", "a-1")), "gone with the record");
        assertNotNull(store.get(StoredEvents.GROUP_INDEX_MARKER), "a new store is indexed from the start");
    }

    @Test
    void aReadNotificationIsKeptAsItsContentThenItsReadMark() {
        KeyValueStore<String, byte[]> kept = driver.getKeyValueStore(SnapshotTopology.storeName("notifications"));
        notifications.pipeInput("t", CODEC.encode(notification("t", "n-1", List.of("user:u", "group:g-1"))));
        notifications.pipeInput("t", CODEC.encode(read("t", "n-1", List.of("user:u"))));
        notifications.pipeInput("t", CODEC.encode(read("t", "n-1", List.of("user:u"))));

        List<LogEvent> events = StoredEvents.decode("notifications", kept.get(StoredEvents.key("t", "n-1")));
        assertEquals(
                List.of("notification.created@0", "notification.read@2"),
                events.stream().map(e -> e.type() + "@" + e.offset()).toList(),
                "the content, and the latest read mark after it");
        assertTrue(events.get(0).json().contains("Quiz moved"), events.get(0).json());
        assertNotNull(kept.get(StoredEvents.groupKey("t", "g-1", "n-1")), "indexed by every kept event's groups");
    }

    @Test
    void aValueWrittenBeforeMarksIsStillRead() {
        LogEvent event = new EventDecoder(CODEC)
                .decode("assignments", 0, 7, CODEC.encode(assignment("t", "a-1", "x", List.of("group:g-1"))));
        byte[] current = StoredEvents.encode(List.of(event));
        // Version 1 held one event and no count: the version byte, then the event's fields.
        byte[] single = new byte[current.length - 2];
        single[0] = 1;
        System.arraycopy(current, 3, single, 1, current.length - 3);

        assertEquals(List.of(event), StoredEvents.decode("assignments", single));
        assertEquals(Set.of("group:g-1"), StoredEvents.audiences(single));
    }

    @Test
    void aStoreWrittenBeforeTheIndexIsIndexedWhenItsTaskStarts() {
        KeyValueStore<String, byte[]> previous = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(SnapshotTopology.storeName("assignments")),
                        Serdes.String(),
                        Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
        MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
        previous.init(context.getStateStoreContext(), previous);
        context.addStateStore(previous);
        // A record as the previous version stored it: no index key, no marker.
        LogEvent event = new EventDecoder(CODEC)
                .decode("assignments", 0, 7, CODEC.encode(assignment("t", "a-1", "x", List.of("group:g-1"))));
        previous.put(StoredEvents.key("t", "a-1"), StoredEvents.encode(List.of(event)));

        new LatestPerRecord(SnapshotTopology.storeName("assignments"), new EventDecoder(CODEC), FOLD).init(context);

        assertNotNull(previous.get(StoredEvents.groupKey("t", "g-1", "a-1")));
        assertNotNull(previous.get(StoredEvents.GROUP_INDEX_MARKER));
    }

    private void assertIndexed(String group, String recordId) {
        assertNotNull(store.get(StoredEvents.groupKey("t", group, recordId)), recordId + " in " + group);
    }

    private static SpecificRecord assignment(String tenant, String recordId, String title) {
        return assignment(tenant, recordId, title, List.of());
    }

    private static SpecificRecord assignment(String tenant, String recordId, String title, List<String> audience) {
        return AssignmentChanged.newBuilder()
                .setEnvelope(TestEvents.envelope("assignment.created", tenant, recordId, audience))
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

    private static SpecificRecord notification(String tenant, String recordId, List<String> audience) {
        return NotificationCreated.newBuilder()
                .setEnvelope(TestEvents.envelope("notification.created", tenant, recordId, audience))
                .setKind(NotificationKind.URGENT)
                .setTitle("Quiz moved")
                .setMessage("The quiz is on Friday now.")
                .setActionUrl(null)
                .setGroupKey(null)
                .build();
    }

    private static SpecificRecord read(String tenant, String recordId, List<String> audience) {
        return NotificationRead.newBuilder()
                .setEnvelope(TestEvents.envelope("notification.read", tenant, recordId, audience))
                .setReadAt(Instant.parse("2026-12-02T10:00:00Z"))
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
