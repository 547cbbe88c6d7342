package dev.eventline.stream.snapshot;

import dev.eventline.schemas.catalog.RecordFold;
import dev.eventline.schemas.catalog.TopicCatalog;
import dev.eventline.schemas.envelope.Audience;
import dev.eventline.stream.cursor.PartitionRef;
import dev.eventline.stream.subscription.LogEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link SnapshotStore} over maps, for unit tests: records put by the test, positions set by the test,
 * and a readiness the test moves through a restore. Thread-safe (one lock).
 */
public final class InMemorySnapshotStore implements SnapshotStore {

    private static final int MAX_PARTITIONS = 64;
    private static final RecordFold FOLD = RecordFold.of(TopicCatalog.load());

    private final List<LogEvent> records = new ArrayList<>();
    private final Map<PartitionRef, Long> positions = new HashMap<>();
    private final Set<PartitionRef> lost = new HashSet<>();
    private Progress progress = new Progress(true, 0, 0);

    /**
     * Makes the store hold no state for {@code partition}, as when another instance under the same
     * snapshot id took it; every other partition stays held.
     */
    public synchronized void lose(PartitionRef partition) {
        lost.add(partition);
    }

    /** Sets what {@link #progress()} answers (and so {@link #ready()}). */
    public synchronized void progress(Progress next) {
        this.progress = next;
    }

    /** Applies an event to its record as the Kafka store does ({@link RecordFold}); positions stay. */
    public synchronized void put(LogEvent event) {
        List<LogEvent> kept = records.stream().filter(r -> sameRecord(r, event)).toList();
        records.removeIf(r -> sameRecord(r, event));
        records.addAll(FOLD.apply(kept, event, LogEvent::type));
    }

    private static boolean sameRecord(LogEvent a, LogEvent b) {
        return a.tenant().equals(b.tenant())
                && a.partition().topic().equals(b.partition().topic())
                && a.recordId().equals(b.recordId());
    }

    /** Sets a partition's applied position. */
    public synchronized void position(PartitionRef partition, long next) {
        positions.put(partition, next);
    }

    @Override
    public synchronized boolean ready() {
        return progress.ready();
    }

    @Override
    public synchronized Progress progress() {
        return progress;
    }

    @Override
    public synchronized Scan scan(String tenant, List<String> topics) {
        List<LogEvent> found = records.stream()
                .filter(r -> r.tenant().equals(tenant)
                        && topics.contains(r.partition().topic()))
                .toList();
        return new Scan(found, Map.copyOf(positions), Map.copyOf(positions), held(topics));
    }

    @Override
    public synchronized Scan scan(String tenant, List<String> topics, Set<String> groups) {
        Set<String> entries =
                groups.stream().map(group -> Audience.GROUP + group).collect(Collectors.toSet());
        List<LogEvent> found = scan(tenant, topics).records().stream()
                .filter(r -> Audience.namesAny(r.audience(), entries))
                .toList();
        return new Scan(found, Map.copyOf(positions), Map.copyOf(positions), held(topics));
    }

    /** Every partition a test topic can have (up to {@value #MAX_PARTITIONS}) but the lost ones. */
    private Set<PartitionRef> held(List<String> topics) {
        Set<PartitionRef> held = new HashSet<>();
        for (String topic : topics) {
            for (int p = 0; p < MAX_PARTITIONS; p++) {
                held.add(new PartitionRef(topic, p));
            }
        }
        held.removeAll(lost);
        return held;
    }
}
