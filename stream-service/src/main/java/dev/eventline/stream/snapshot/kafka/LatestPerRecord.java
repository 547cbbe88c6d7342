package dev.eventline.stream.snapshot.kafka;

import dev.eventline.stream.kafka.EventDecoder;
import dev.eventline.stream.subscription.LogEvent;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the latest event per (tenant, record) of one topic: a {@code *.deleted} event removes the
 * record, any other event replaces it. The partition's applied position (past every record, readable
 * or not) is written at most every {@link #POSITION_INTERVAL}, not with every record: that halves what
 * the store and its changelog write, and what a fresh node restores. A stored position may therefore
 * lag the records by that interval, never lead them; a snapshot replays the log from the position it
 * read, which re-applies those records harmlessly (the {@code SnapshotStore} contract).
 *
 * <p>One instance per stream task (one partition), called by that task's stream thread only.
 */
final class LatestPerRecord implements Processor<String, byte[], Void, Void> {

    private final String storeName;
    private final EventDecoder decoder;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, byte[]> store;

    LatestPerRecord(String storeName, EventDecoder decoder) {
        this.storeName = storeName;
        this.decoder = decoder;
    }

    /** How long a written position may lag the records applied; a snapshot replays that much. */
    static final Duration POSITION_INTERVAL = Duration.ofMillis(100);

    private int partition = -1;
    private long pendingPosition = -1;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        context.schedule(POSITION_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> writePosition());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata at = context.recordMetadata().orElseThrow();
        LogEvent event =
                record.value() == null ? null : decoder.decode(at.topic(), at.partition(), at.offset(), record.value());
        if (event != null) {
            String key = StoredEvents.key(event.tenant(), event.recordId());
            if (event.type().endsWith(".deleted")) {
                store.delete(key);
            } else {
                store.put(key, StoredEvents.encode(event));
            }
        }
        partition = at.partition();
        pendingPosition = at.offset() + 1;
    }

    private void writePosition() {
        if (pendingPosition >= 0) {
            store.put(StoredEvents.positionKey(partition), StoredEvents.position(pendingPosition));
            pendingPosition = -1;
        }
    }
}
