package dev.eventline.edge.tracing;

import dev.eventline.problem.Problem;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A server span per API request, continuing the caller's W3C {@code traceparent} when it sends one
 * (a new trace otherwise). The span's context is a request attribute that use cases continue ({@link
 * #context}); its trace id is the {@link Problem#TRACE_ID_ATTRIBUTE} attribute, and every problem+json
 * answer to the request carries it as {@code traceId}. Span names are the method and the route's
 * fixed prefix ({@code POST /v1/events}), never a path with ids in it.
 *
 * <p>Stateless; runs on the request's event loop.
 */
@ServerFilter({"/v1/**", "/registry/**"})
public final class RequestTracing implements Ordered {

    /** The request attribute holding the request's server span. */
    static final String SPAN_ATTRIBUTE = "eventline.span";

    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

    private final Tracing tracing;

    /** Traces requests with {@code tracing}. */
    public RequestTracing(Tracing tracing) {
        this.tracing = tracing;
    }

    /** Runs first, so that the span covers authentication and every other filter. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @RequestFilter
    void start(HttpRequest<?> request) {
        Map<String, String> headers = new HashMap<>(2);
        request.getHeaders().findFirst("traceparent").ifPresent(value -> headers.put("traceparent", value));
        request.getHeaders().findFirst("tracestate").ifPresent(value -> headers.put("tracestate", value));
        Span span = tracing.tracer()
                .spanBuilder(request.getMethodName() + " " + route(request.getPath()))
                .setParent(tracing.parent(headers))
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(METHOD, request.getMethodName())
                .setAttribute(PATH, request.getPath())
                .startSpan();
        request.setAttribute(SPAN_ATTRIBUTE, span);
        request.setAttribute(Problem.TRACE_ID_ATTRIBUTE, Tracing.traceId(span));
    }

    @ResponseFilter
    @SuppressWarnings("unchecked") // a problem answer's body is replaced by the same type
    void end(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Optional<Span> found = request.getAttribute(SPAN_ATTRIBUTE, Span.class);
        if (found.isEmpty()) {
            return;
        }
        Span span = found.get();
        response.getBody(Problem.class)
                .filter(problem -> problem.traceId() == null)
                .ifPresent(problem ->
                        ((MutableHttpResponse<Object>) response).body(problem.withTraceId(Tracing.traceId(span))));
        span.setAttribute(STATUS, (long) response.code());
        if (response.code() >= 500) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    /** The context use cases continue for {@code request}: its server span, or the root context. */
    public static Context context(HttpRequest<?> request) {
        return request.getAttribute(SPAN_ATTRIBUTE, Span.class)
                .map(span -> Context.root().with(span))
                .orElse(Context.root());
    }

    /** The fixed part of a path: up to three segments ({@code /v1/stream/tickets}), no ids. */
    static String route(String path) {
        String[] segments = path.split("/");
        StringBuilder route = new StringBuilder();
        for (int i = 1; i < segments.length && i <= 3; i++) {
            if (i == 3 && !segments[1].equals("v1")) {
                break;
            }
            route.append('/').append(segments[i]);
        }
        return route.length() == 0 ? "/" : route.toString();
    }
}
