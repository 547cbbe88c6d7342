package dev.eventline.edge.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The services' tracing: one tracer, W3C trace context in and out, and whether anything is recorded.
 *
 * <p>{@link #exporting()} is false when no span leaves the process (no OTLP endpoint and no exporter
 * bean): the emitter still starts spans, so that every event carries a trace context and every problem a
 * trace id, while hot paths that only add spans of their own (the stream's delivery) skip them.
 *
 * <p>Thread-safe.
 */
public final class Tracing {

    /** The instrumentation scope of every Eventline span. */
    public static final String SCOPE = "dev.eventline";

    private static final TextMapSetter<Map<String, String>> MAP_SETTER = Map::put;

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final boolean exporting;

    /** Tracing through {@code openTelemetry}; {@code exporting}: whether its spans go anywhere. */
    public Tracing(OpenTelemetry openTelemetry, boolean exporting) {
        this.tracer = openTelemetry.getTracer(SCOPE);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.exporting = exporting;
    }

    /** Tracing that records nothing and passes contexts through unchanged (unit tests, tools). */
    public static Tracing off() {
        return new Tracing(
                OpenTelemetry.propagating(ContextPropagators.create(W3CTraceContextPropagator.getInstance())), false);
    }

    public Tracer tracer() {
        return tracer;
    }

    /** Whether spans leave the process; see the class documentation. */
    public boolean exporting() {
        return exporting;
    }

    /** The trace context of {@code context} as headers ({@code traceparent}, {@code tracestate}). */
    public Map<String, String> headers(Context context) {
        Map<String, String> headers = new HashMap<>(2);
        propagator.inject(context, headers, MAP_SETTER);
        return headers;
    }

    /** The context {@code headers} carry (a remote parent), or the root context when they carry none. */
    public Context parent(Map<String, String> headers) {
        return propagator.extract(Context.root(), headers, MAP_GETTER);
    }

    /**
     * The W3C trace id of {@code span}'s trace: 32 lowercase hex digits; a random id of the same form
     * when the span has no valid context (nothing traced), so that a logged failure still has one.
     */
    public static String traceId(Span span) {
        return span.getSpanContext().isValid()
                ? span.getSpanContext().getTraceId()
                : UUID.randomUUID().toString().replace("-", "");
    }
}
