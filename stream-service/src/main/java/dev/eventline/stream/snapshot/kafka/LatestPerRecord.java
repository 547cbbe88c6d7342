package dev.eventline.stream.snapshot.kafka;

import dev.eventline.stream.kafka.EventDecoder;
import dev.eventline.stream.subscription.LogEvent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the latest event per (tenant, record) of one topic: a {@code *.deleted} event removes the
 * record, any other event replaces it. After every record, readable or not, the partition's applied
 * position moves past it.
 *
 * <p>One instance per stream task, called by that task's stream thread only.
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

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
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
        store.put(StoredEvents.positionKey(at.partition()), StoredEvents.position(at.offset() + 1));
    }
}
