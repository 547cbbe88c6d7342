package dev.eventline.schemas.codec;

/**
 * Names and values of the platform's Kafka record headers every event carries (UTF-8 strings), beside
 * the CloudEvents attributes of {@link CloudEventHeaders}. The key is the partition key (the tenant id
 * by default, see the topic catalog).
 */
public final class EventHeaders {

    /** The event type, e.g. {@code file.progress}. */
    public static final String TYPE = "eventline-type";

    /** The tenant id. */
    public static final String TENANT = "eventline-tenant";

    /** The event id (UUID), for de-duplication downstream. */
    public static final String EVENT_ID = "eventline-event-id";

    /**
     * The value's content type, which names its {@link WireFormat}: {@link #CONTENT_TYPE_AVRO} or {@link
     * #CONTENT_TYPE_CONFLUENT}. Also the CloudEvents data content type.
     */
    public static final String CONTENT_TYPE = "content-type";

    /** The writer schema's fingerprint as 16 lower-case hex digits (also inside the value). */
    public static final String SCHEMA_FINGERPRINT = "eventline-schema-fingerprint";

    /**
     * W3C trace context of the emit that wrote the event ({@code 00-<trace id>-<span id>-<flags>}), as
     * OpenTelemetry's Kafka instrumentation names it; optional: records written by other tools may
     * lack it. Readers continue the trace from it.
     */
    public static final String TRACEPARENT = "traceparent";

    /** W3C trace state accompanying {@link #TRACEPARENT}, when the trace has any. */
    public static final String TRACESTATE = "tracestate";

    /** Avro binary, single-object encoding. */
    public static final String CONTENT_TYPE_AVRO = "application/vnd.eventline.event+avro; encoding=single-object";

    /** Avro binary in Confluent's framing. */
    public static final String CONTENT_TYPE_CONFLUENT = "application/vnd.eventline.event+avro; encoding=confluent";

    private EventHeaders() {}

    /** The header form of a fingerprint. */
    public static String fingerprintHex(long fingerprint) {
        return String.format("%016x", fingerprint);
    }
}
