package dev.eventline.stream.kafka;

import dev.eventline.edge.tracing.EventSpans;
import dev.eventline.edge.tracing.Tracing;
import dev.eventline.schemas.codec.EventHeaders;
import dev.eventline.stream.subscription.LogEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Continues an emit's trace where the stream service delivers its event: a consumer span per record
 * the live tail reads, child of the trace context in the record's headers, from the moment the tail
 * has it to the moment every subscription watching its partition was woken to send it. Records
 * without a trace context, and every record when no span leaves the process, cost nothing.
 *
 * <p>Used by the tail's thread only.
 */
final class DeliveryTracing {

    private static final AttributeKey<Long> EMIT_TO_TAIL = AttributeKey.longKey("eventline.emit_to_tail_ms");
    private static final AttributeKey<Long> WOKEN = AttributeKey.longKey("eventline.subscriptions_woken");

    private final Tracing tracing;

    DeliveryTracing(Tracing tracing) {
        this.tracing = tracing;
    }

    /** Starts the spans of a partition's batch (null where a record is not traced); end them with {@link #end}. */
    Span[] start(List<ConsumerRecord<String, byte[]>> records, List<LogEvent> events) {
        if (!tracing.exporting()) {
            return null;
        }
        Span[] spans = new Span[records.size()];
        long now = System.currentTimeMillis();
        for (int i = 0; i < spans.length; i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            Map<String, String> trace = traceHeaders(record);
            LogEvent event = events.get(i);
            if (trace.isEmpty() || event == null) {
                continue;
            }
            spans[i] = EventSpans.describe(
                            tracing.tracer()
                                    .spanBuilder("deliver " + record.topic())
                                    .setParent(tracing.parent(trace))
                                    .setSpanKind(SpanKind.CONSUMER),
                            record.topic(),
                            header(record, EventHeaders.EVENT_ID),
                            event.type(),
                            event.tenant())
                    .setAttribute(EventSpans.PARTITION, String.valueOf(record.partition()))
                    .setAttribute(EventSpans.OFFSET, record.offset())
                    .setAttribute(EMIT_TO_TAIL, Math.max(0, now - event.emittedAt()))
                    .startSpan();
        }
        return spans;
    }

    /** Ends the spans {@link #start} began, saying how many subscriptions were woken for them. */
    static void end(Span[] spans, int woken) {
        if (spans == null) {
            return;
        }
        for (Span span : spans) {
            if (span != null) {
                span.setAttribute(WOKEN, (long) woken);
                span.end();
            }
        }
    }

    private static Map<String, String> traceHeaders(ConsumerRecord<String, byte[]> record) {
        Map<String, String> trace = new HashMap<>(2);
        for (String name : List.of(EventHeaders.TRACEPARENT, EventHeaders.TRACESTATE)) {
            String value = header(record, name);
            if (value != null) {
                trace.put(name, value);
            }
        }
        return trace;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
