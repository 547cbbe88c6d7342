package dev.eventline.stream.snapshot;

import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.catalog.RecordFold;
import dev.eventline.schemas.envelope.Audience;
import dev.eventline.stream.config.StreamSettings;
import dev.eventline.stream.cursor.PartitionRef;
import dev.eventline.stream.cursor.StreamCursor;
import dev.eventline.stream.metrics.StreamMetrics;
import dev.eventline.stream.subscription.EventFilter;
import dev.eventline.stream.subscription.LogEvent;
import dev.eventline.stream.subscription.LogUnavailableException;
import dev.eventline.stream.subscription.ReadResult;
import dev.eventline.stream.subscription.StreamLog;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Takes exact snapshots: the state of a tenant's records at one cursor, such that the stream opened
 * with that cursor continues with exactly the events the snapshot does not reflect.
 *
 * <p>The rule: scan the store, note the positions it had applied before ({@code B}) and after the
 * scan; the snapshot's cursor {@code C} is the later position, raised to the stream's live end (so a
 * snapshot reflects every event written before it was asked, even when the store lags) and past any
 * record the scan saw beyond it. Records read during the scan reflect some moment between {@code B} and {@code C}, so
 * the events of {@code [B, C)} are read from the log (usually the in-memory window) and applied on top
 * wherever they are newer than what the scan saw. The result is the state at {@code C} exactly, with
 * no lock on the store and however busy the topics are.
 *
 * <p>Blocking (log reads, waiting for the live tail to reach {@code C}); thread-safe.
 */
@Singleton
@Requires(beans = SnapshotStore.class)
public final class Snapshots {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration TAIL_WAIT = Duration.ofSeconds(5);

    private final SnapshotStore store;
    private final StreamLog log;
    private final int batch;
    private final int maxCatchUp;
    private final StreamMetrics metrics;
    private final RecordFold fold;

    /** Snapshots from {@code store}, completed from {@code log}, folded by {@code schemas}' catalog. */
    public Snapshots(
            SnapshotStore store,
            StreamLog log,
            StreamSettings stream,
            SnapshotSettings settings,
            StreamMetrics metrics,
            EventSchemas schemas) {
        this.metrics = metrics;
        this.fold = RecordFold.of(schemas.catalog());
        this.store = store;
        this.log = log;
        this.batch = stream.getReadBatch();
        this.maxCatchUp = settings.getMaxCatchUpEvents();
    }

    /**
     * A snapshot.
     *
     * @param records the kept events of each record ({@link RecordFold}: its state, then its marks)
     *     that the filter allows, by topic, partition and offset
     * @param cursor the position they reflect: open the stream with it as {@code last_event_id}
     */
    public record Snapshot(List<LogEvent> records, StreamCursor cursor) {}

    /**
     * The state of {@code tenant}'s records in {@code partitions} (whole topics' partitions the
     * subscription reads), filtered by {@code filter} (audience, types, record).
     *
     * @throws SnapshotUnavailableException when the store is not ready or too far behind, or the log
     *     does not answer
     */
    public Snapshot take(String tenant, List<String> topics, List<PartitionRef> partitions, EventFilter filter) {
        if (!store.ready()) {
            throw new SnapshotUnavailableException("the snapshot store is starting", null);
        }
        // A scoped read needs the scope's groups' records only: the store indexes records by group.
        Set<String> groups = Audience.groupsOf(filter.recipient().scope());
        SnapshotStore.Scan scan = groups.isEmpty() ? store.scan(tenant, topics) : store.scan(tenant, topics, groups);
        for (PartitionRef partition : partitions) {
            if (!scan.held().contains(partition)) {
                // Replaying such a partition from the log would miss what retention already removed.
                throw new SnapshotUnavailableException(
                        "this instance holds no snapshot state for " + partition
                                + ": another instance shares its snapshot instance id",
                        null);
            }
        }
        Map<PartitionRef, Long> until = new TreeMap<>();
        // At least what the stream has seen: a snapshot reflects every event written before it was asked.
        partitions.forEach(p -> until.put(p, Math.max(scan.after().getOrDefault(p, 0L), log.liveEnd(p))));
        Map<String, List<LogEvent>> state = new HashMap<>();
        for (LogEvent record : scan.records()) {
            if (until.containsKey(record.partition())) {
                // A record's kept events come together and in log order: appended as they are.
                state.computeIfAbsent(key(record), k -> new ArrayList<>()).add(record);
                until.merge(record.partition(), record.offset() + 1, Math::max);
            }
        }
        long behind = 0;
        for (PartitionRef partition : partitions) {
            behind += until.get(partition) - scan.before().getOrDefault(partition, 0L);
        }
        if (behind > maxCatchUp) {
            throw new SnapshotUnavailableException("the snapshot store is catching up with the log", null);
        }
        metrics.snapshotCatchUp(behind);
        try {
            for (PartitionRef partition : partitions) {
                awaitTail(partition, until.get(partition));
                applyLog(tenant, partition, scan.before().getOrDefault(partition, 0L), until.get(partition), state);
            }
        } catch (LogUnavailableException e) {
            throw new SnapshotUnavailableException("Kafka did not answer in time", e);
        }
        List<LogEvent> records = state.values().stream()
                .flatMap(List::stream)
                .filter(filter::allows)
                .sorted(Comparator.comparing((LogEvent e) -> e.partition().topic())
                        .thenComparingInt(e -> e.partition().partition())
                        .thenComparingLong(LogEvent::offset))
                .toList();
        return new Snapshot(records, new StreamCursor(until));
    }

    private void applyLog(
            String tenant, PartitionRef partition, long from, long until, Map<String, List<LogEvent>> state) {
        long next = from;
        while (next < until) {
            ReadResult result = log.readNow(partition, next, batch, READ_TIMEOUT);
            if (result instanceof ReadResult.Expired expired) {
                // Gone from the log before the store applied it: the store never held it either.
                next = Math.max(next + 1, expired.earliest());
                continue;
            }
            ReadResult.Events events = (ReadResult.Events) result;
            if (events.events().isEmpty() && events.next() <= next) {
                throw new LogUnavailableException("no progress reading " + partition, null);
            }
            for (LogEvent event : events.events()) {
                if (event.offset() >= until) {
                    return;
                }
                if (event.offset() >= next && event.tenant().equals(tenant)) {
                    apply(event, state);
                }
            }
            next = events.next();
        }
    }

    private void apply(LogEvent event, Map<String, List<LogEvent>> state) {
        String key = key(event);
        List<LogEvent> kept = state.getOrDefault(key, List.of());
        if (!kept.isEmpty() && kept.get(kept.size() - 1).offset() >= event.offset()) {
            return;
        }
        List<LogEvent> next = fold.apply(kept, event, LogEvent::type);
        if (next.isEmpty()) {
            state.remove(key);
        } else {
            state.put(key, next);
        }
    }

    private void awaitTail(PartitionRef partition, long offset) {
        long deadline = System.nanoTime() + TAIL_WAIT.toNanos();
        while (log.liveEnd(partition) < offset) {
            if (System.nanoTime() > deadline) {
                throw new SnapshotUnavailableException("the stream is behind the snapshot store", null);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SnapshotUnavailableException("interrupted", e);
            }
        }
    }

    private static String key(LogEvent event) {
        return event.partition().topic() + '\u0000' + event.recordId();
    }
}
