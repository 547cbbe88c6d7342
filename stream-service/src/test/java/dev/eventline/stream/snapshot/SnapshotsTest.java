package dev.eventline.stream.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.envelope.Audience;
import dev.eventline.stream.config.StreamSettings;
import dev.eventline.stream.cursor.PartitionRef;
import dev.eventline.stream.metrics.StreamMetrics;
import dev.eventline.stream.subscription.EventFilter;
import dev.eventline.stream.subscription.InMemoryStreamLog;
import dev.eventline.stream.subscription.LogEvent;
import dev.eventline.stream.subscription.Recipient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The snapshot rule without a broker: the store's state at its position, completed from the log up to
 * the live end, so that the stream opened at the snapshot's cursor continues exactly after it.
 */
class SnapshotsTest {

    private static final PartitionRef P0 = new PartitionRef("assignments", 0);
    private static final EventFilter TENANT_1 = new EventFilter(
            new Recipient("t-1", Audience.entriesOf("teacher-1", Set.of()), Set.of()), Set.of(), List.of(), null);

    private static final PartitionRef N0 = new PartitionRef("notifications", 0);

    private final InMemoryStreamLog log = new InMemoryStreamLog(Map.of("assignments", 1, "notifications", 1));
    private final InMemorySnapshotStore store = new InMemorySnapshotStore();
    private Snapshots snapshots = snapshots(100);

    @BeforeEach
    void storeHoldsTheFirstThreeEvents() {
        store.put(log.append(P0, "assignment.created", "t-1", "a-1", List.of(), 0));
        store.put(log.append(P0, "assignment.created", "t-1", "a-2", List.of(), 0));
        store.put(log.append(P0, "assignment.created", "t-2", "b-1", List.of(), 0));
        store.position(P0, 3);
    }

    @Test
    void aStoreThatIsUpToDateAnswersAloneAtTheLiveEnd() {
        Snapshots.Snapshot snapshot = take();
        assertEquals(List.of("a-1", "a-2"), recordIds(snapshot));
        assertEquals(Map.of(P0, 3L), snapshot.cursor().positions());
    }

    @Test
    void eventsTheStoreHasNotAppliedYetAreTakenFromTheLog() {
        log.append(P0, "assignment.updated", "t-1", "a-1", List.of(), 0);
        log.append(P0, "assignment.deleted", "t-1", "a-2", List.of(), 0);
        log.append(P0, "assignment.created", "t-1", "a-3", List.of(), 0);
        log.append(P0, "assignment.created", "t-2", "b-2", List.of(), 0);

        Snapshots.Snapshot snapshot = take();

        assertEquals(List.of("a-1", "a-3"), recordIds(snapshot), "a-2 deleted, t-2's records never");
        assertEquals("assignment.updated", snapshot.records().get(0).type());
        assertEquals(Map.of(P0, 7L), snapshot.cursor().positions(), "the live end: nothing written before is missed");
    }

    @Test
    void aStoreTooFarBehindOrStartingIsUnavailable() {
        snapshots = snapshots(1);
        log.append(P0, "assignment.updated", "t-1", "a-1", List.of(), 0);
        log.append(P0, "assignment.updated", "t-1", "a-2", List.of(), 0);
        assertThrows(SnapshotUnavailableException.class, this::take);

        store.progress(new SnapshotStore.Progress(false, 0, 10));
        assertThrows(SnapshotUnavailableException.class, this::take);
    }

    @Test
    void aPartitionAnotherInstanceUnderTheSameIdTookIsUnavailableNotReplayedFromZero() {
        store.lose(P0);
        SnapshotUnavailableException refused = assertThrows(SnapshotUnavailableException.class, this::take);
        assertTrue(refused.getMessage().contains("shares its snapshot instance id"), refused.getMessage());
    }

    @Test
    void aReadNotificationKeepsItsContentWhetherTheStoreOrTheLogHoldsTheRead() {
        List<String> teacher = List.of("user:teacher-1");
        store.put(log.append(N0, "notification.created", "t-1", "n-1", teacher, 0));
        store.put(log.append(N0, "notification.created", "t-1", "n-2", teacher, 0));
        store.put(log.append(N0, "notification.read", "t-1", "n-1", teacher, 0));
        store.position(N0, 3);
        log.append(N0, "notification.read", "t-1", "n-2", teacher, 0);

        Snapshots.Snapshot snapshot = snapshots.take("t-1", List.of("notifications"), List.of(N0), TENANT_1);

        assertEquals(
                List.of(
                        "notification.created n-1",
                        "notification.created n-2",
                        "notification.read n-1",
                        "notification.read n-2"),
                snapshot.records().stream()
                        .map(e -> e.type() + " " + e.recordId())
                        .toList(),
                "each notification's content, then its read mark, in log order");
        assertEquals(Map.of(N0, 4L), snapshot.cursor().positions());
    }

    /** Snapshots from this test's store and log, unavailable beyond {@code maxCatchUp} events behind. */
    private Snapshots snapshots(int maxCatchUp) {
        SnapshotSettings settings = new SnapshotSettings();
        settings.setMaxCatchUpEvents(maxCatchUp);
        return new Snapshots(
                store,
                log,
                new StreamSettings(),
                settings,
                new StreamMetrics(new SimpleMeterRegistry(), EventSchemas.load()),
                EventSchemas.load());
    }

    private Snapshots.Snapshot take() {
        return snapshots.take("t-1", List.of("assignments"), List.of(P0), TENANT_1);
    }

    private static List<String> recordIds(Snapshots.Snapshot snapshot) {
        return snapshot.records().stream().map(LogEvent::recordId).toList();
    }
}
