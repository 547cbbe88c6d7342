package dev.eventline.edge.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanBuilder;

/**
 * What every span about one event says, the same in the emitter's append and the stream's delivery:
 * OpenTelemetry's messaging attributes (Kafka, topic, partition, offset, message id) and the event's
 * type and tenant. Stateless.
 */
public final class EventSpans {

    public static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
    public static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");

    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    private static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("eventline.event.type");
    private static final AttributeKey<String> TENANT = AttributeKey.stringKey("eventline.tenant");

    private EventSpans() {}

    /** {@code span} with the event's attributes: on {@code topic}, with {@code eventId}, {@code type}, {@code tenant}. */
    public static SpanBuilder describe(SpanBuilder span, String topic, String eventId, String type, String tenant) {
        return span.setAttribute(SYSTEM, "kafka")
                .setAttribute(DESTINATION, topic)
                .setAttribute(MESSAGE_ID, eventId)
                .setAttribute(EVENT_TYPE, type)
                .setAttribute(TENANT, tenant);
    }
}
