package dev.eventline.edge.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** W3C trace context in and out, span names without ids, and trace ids for problems. */
class TracingTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final Tracing tracing = new Tracing(
            OpenTelemetrySdk.builder()
                    .setTracerProvider(SdkTracerProvider.builder()
                            .addSpanProcessor(SimpleSpanProcessor.create(exported))
                            .build())
                    .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                    .build(),
            true);

    @Test
    void aChildSpansContextGoesOutAsTheHeadersItCameInWith() {
        Context parent = tracing.parent(Map.of("traceparent", TRACEPARENT));
        Span child = tracing.tracer().spanBuilder("child").setParent(parent).startSpan();

        Map<String, String> headers = tracing.headers(Context.root().with(child));

        assertEquals(
                "00-4bf92f3577b34da6a3ce929d0e0e4736-" + child.getSpanContext().getSpanId() + "-01",
                headers.get("traceparent"));
        child.end();
        assertEquals("00f067aa0ba902b7", exported.getFinishedSpanItems().get(0).getParentSpanId());
    }

    @Test
    void malformedOrMissingHeadersStartANewTrace() {
        assertFalse(Span.fromContext(tracing.parent(Map.of("traceparent", "00-zz-1-01")))
                .getSpanContext()
                .isValid());
        assertFalse(Span.fromContext(tracing.parent(Map.of())).getSpanContext().isValid());
    }

    @Test
    void tracingThatIsOffPassesTheCallersContextThrough() {
        Tracing off = Tracing.off();
        Context parent = off.parent(Map.of("traceparent", TRACEPARENT));
        Span span = off.tracer().spanBuilder("x").setParent(parent).startSpan();
        assertEquals(TRACEPARENT, off.headers(Context.root().with(span)).get("traceparent"));
        assertFalse(off.exporting());
    }

    @Test
    void anUntracedFailureStillGetsATraceIdOfTheSameForm() {
        String id = Tracing.traceId(Span.wrap(SpanContext.getInvalid()));
        assertTrue(id.matches("[0-9a-f]{32}"), id);
    }

    @Test
    void spanNamesKeepTheRouteNotTheIds() {
        assertEquals("/v1/events", RequestTracing.route("/v1/events"));
        assertEquals("/v1/stream/tickets", RequestTracing.route("/v1/stream/tickets"));
        assertEquals("/registry/subjects", RequestTracing.route("/registry/subjects/assignments-x/versions/1"));
        assertEquals("/", RequestTracing.route("/"));
    }
}
