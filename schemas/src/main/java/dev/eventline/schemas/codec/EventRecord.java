package dev.eventline.schemas.codec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One event as a Kafka record, without Kafka's types: what producers write and data teams read.
 * Built only by {@link EventRecords}, so that topic, key, value and headers follow one rule.
 *
 * @param topic the catalog topic of the event's type
 * @param key the partition key: the tenant id, or the record id on topics the catalog keys by record;
 *     events of one key keep their order
 * @param value the event in Avro's single-object encoding
 * @param headers every header of {@link EventHeaders}, as UTF-8 strings (the trace context ones when
 *     the writer traced the emit)
 */
public record EventRecord(String topic, String key, byte[] value, Map<String, String> headers) {

    /** Requires every part; headers are copied. */
    public EventRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        headers = Map.copyOf(headers);
    }

    /**
     * This record with the W3C trace context headers ({@link EventHeaders#TRACEPARENT}, {@link
     * EventHeaders#TRACESTATE}) in {@code trace}; other entries of {@code trace} are ignored.
     */
    public EventRecord withTrace(Map<String, String> trace) {
        Map<String, String> merged = new HashMap<>(headers);
        for (String name : List.of(EventHeaders.TRACEPARENT, EventHeaders.TRACESTATE)) {
            String header = trace.get(name);
            if (header != null) {
                merged.put(name, header);
            }
        }
        return new EventRecord(topic, key, value, merged);
    }
}
