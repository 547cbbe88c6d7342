package dev.eventline.emitter.ingest;

import java.util.Map;
import java.util.Objects;

/**
 * One encoded event on its way to the log.
 *
 * @param topic the catalog topic
 * @param key the partition key (the tenant id by default): records of one key keep their order
 * @param value the encoded event (Avro single-object encoding)
 * @param headers metadata readable without decoding the value (event type, tenant, content type)
 */
public record LogRecord(String topic, String key, byte[] value, Map<String, String> headers) {

    /** Requires every part; headers are copied. */
    public LogRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        headers = Map.copyOf(headers);
    }
}
