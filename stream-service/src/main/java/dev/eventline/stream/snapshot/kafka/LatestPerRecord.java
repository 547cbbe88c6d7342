package dev.eventline.stream.snapshot.kafka;

import dev.eventline.schemas.catalog.RecordFold;
import dev.eventline.schemas.envelope.Audience;
import dev.eventline.stream.kafka.EventDecoder;
import dev.eventline.stream.subscription.LogEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps what a snapshot needs of each (tenant, record) of one topic, as {@link RecordFold} decides: a
 * {@code *.deleted} event removes the record, a state event replaces it, a mark is kept beside its
 * state. Beside each record, one group index key per {@code group:<name>} entry of its kept events'
 * audiences, so that a snapshot scoped to a group reads that
 * group's records only ({@link StoredEvents#groupKey}); a store written before the index gets it built
 * once, when its task starts. The partition's applied position (past every record, readable
 * or not) is written at most every {@link #POSITION_INTERVAL}, not with every record: that halves what
 * the store and its changelog write, and what a fresh node restores. A stored position may therefore
 * lag the records by that interval, never lead them; a snapshot replays the log from the position it
 * read, which re-applies those records harmlessly (the {@code SnapshotStore} contract).
 *
 * <p>One instance per stream task (one partition), called by that task's stream thread only.
 */
final class LatestPerRecord implements Processor<String, byte[], Void, Void> {

    /** The value of index and marker keys: only their presence counts. */
    private static final byte[] NO_VALUE = new byte[0];

    private final String storeName;
    private final EventDecoder decoder;
    private final RecordFold fold;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, byte[]> store;

    LatestPerRecord(String storeName, EventDecoder decoder, RecordFold fold) {
        this.storeName = storeName;
        this.decoder = decoder;
        this.fold = fold;
    }

    /** How long a written position may lag the records applied; a snapshot replays that much. */
    static final Duration POSITION_INTERVAL = Duration.ofMillis(100);

    private int partition = -1;
    private long pendingPosition = -1;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        indexOnce();
        context.schedule(POSITION_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> writePosition());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata at = context.recordMetadata().orElseThrow();
        LogEvent event =
                record.value() == null ? null : decoder.decode(at.topic(), at.partition(), at.offset(), record.value());
        if (event != null) {
            String key = StoredEvents.key(event.tenant(), event.recordId());
            byte[] previous = store.get(key);
            // Only a mark needs what was kept decoded; a state or a deletion replaces it whole.
            List<LogEvent> kept = previous != null && fold.isMark(event.type())
                    ? StoredEvents.decode(at.topic(), previous)
                    : List.of();
            List<LogEvent> next = fold.apply(kept, event, LogEvent::type);
            Set<String> before = previous == null ? Set.of() : Audience.groupsOf(StoredEvents.audiences(previous));
            Set<String> after = Audience.groupsOf(
                    next.size() == 1
                            ? next.get(0).audience()
                            : next.stream().flatMap(e -> e.audience().stream()).toList());
            before.stream()
                    .filter(group -> !after.contains(group))
                    .forEach(group -> store.delete(StoredEvents.groupKey(event.tenant(), group, event.recordId())));
            after.stream()
                    .filter(group -> !before.contains(group))
                    .forEach(group ->
                            store.put(StoredEvents.groupKey(event.tenant(), group, event.recordId()), NO_VALUE));
            if (next.isEmpty()) {
                store.delete(key);
            } else {
                store.put(key, StoredEvents.encode(next));
            }
        }
        partition = at.partition();
        pendingPosition = at.offset() + 1;
    }

    /**
     * Indexes the records of a store written before the group index, once (a marker says it is done).
     * Only the index keys are gathered, from the stored audiences: a million records' events are not
     * decoded at start-up.
     */
    private void indexOnce() {
        if (store.get(StoredEvents.GROUP_INDEX_MARKER) != null) {
            return;
        }
        List<String> indexKeys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                char first = entry.key.isEmpty() ? 0 : entry.key.charAt(0);
                // Record keys start with a tenant id; positions and index keys with a control character.
                if (first >= ' ' && entry.value != null) {
                    String tenant = StoredEvents.tenantOf(entry.key);
                    String recordId = StoredEvents.recordOf(entry.key);
                    Audience.groupsOf(StoredEvents.audiences(entry.value))
                            .forEach(group -> indexKeys.add(StoredEvents.groupKey(tenant, group, recordId)));
                }
            }
        }
        indexKeys.forEach(key -> store.put(key, NO_VALUE));
        store.put(StoredEvents.GROUP_INDEX_MARKER, NO_VALUE);
    }

    private void writePosition() {
        if (pendingPosition >= 0) {
            store.put(StoredEvents.positionKey(partition), StoredEvents.position(pendingPosition));
            pendingPosition = -1;
        }
    }
}
