package dev.eventline.stream.snapshot;

import dev.eventline.schemas.envelope.Audience;
import dev.eventline.stream.cursor.PartitionRef;
import dev.eventline.stream.subscription.LogEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link SnapshotStore} over maps, for unit tests: records put by the test, positions set by the test,
 * and a readiness the test moves through a restore. Thread-safe (one lock).
 */
public final class InMemorySnapshotStore implements SnapshotStore {

    private final List<LogEvent> records = new ArrayList<>();
    private final Map<PartitionRef, Long> positions = new HashMap<>();
    private Progress progress = new Progress(true, 0, 0);

    /** Sets what {@link #progress()} answers (and so {@link #ready()}). */
    public synchronized void progress(Progress next) {
        this.progress = next;
    }

    /** Adds a record and moves its partition's position past it. */
    public synchronized void put(LogEvent event) {
        records.removeIf(r -> r.tenant().equals(event.tenant()) && r.recordId().equals(event.recordId()));
        records.add(event);
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
        return new Scan(found, Map.copyOf(positions), Map.copyOf(positions));
    }

    @Override
    public synchronized Scan scan(String tenant, List<String> topics, Set<String> groups) {
        Set<String> entries =
                groups.stream().map(group -> Audience.GROUP + group).collect(Collectors.toSet());
        List<LogEvent> found = scan(tenant, topics).records().stream()
                .filter(r -> Audience.namesAny(r.audience(), entries))
                .toList();
        return new Scan(found, Map.copyOf(positions), Map.copyOf(positions));
    }
}
