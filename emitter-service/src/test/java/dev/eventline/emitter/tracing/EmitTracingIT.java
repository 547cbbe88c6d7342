package dev.eventline.emitter.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.emitter.EmitterHarness;
import dev.eventline.emitter.TopicReader;
import dev.eventline.schemas.codec.EventHeaders;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * OpenTelemetry on the emit path, over real HTTP and a real broker, spans read from the SDK's
 * in-memory exporter: the caller's traceparent is continued by the request's server span, the
 * producer span of the append is its child, and the record's traceparent header names that producer
 * span; an emit without a trace starts one; problem+json answers carry the trace id.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmitTracingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01";

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private EmitterHarness emitter;
    private TestKafka kafka;

    @BeforeAll
    void start(TestKafka kafka) {
        this.kafka = kafka;
        emitter = new EmitterHarness(kafka, Map.of(), List.of(SimpleSpanProcessor.create(spans)));
    }

    @AfterAll
    void stop() {
        emitter.close();
    }

    @BeforeEach
    void forgetEarlierSpans() {
        spans.reset();
    }

    @Test
    void theCallersTraceContinuesIntoTheEventsKafkaHeaders() throws Exception {
        HttpResponse<String> written = emitter.post(
                EmitterHarness.assignment("a-traced", "t"), emitter.producerToken(), "traceparent", TRACEPARENT);
        assertEquals(201, written.statusCode(), written.body());

        SpanData server = await("POST /v1/events");
        SpanData publish = await("publish assignments");
        assertEquals(SpanKind.SERVER, server.getKind());
        assertEquals(CALLER_TRACE, server.getTraceId());
        assertEquals(CALLER_SPAN, server.getParentSpanId(), "the caller's span is the parent");
        assertEquals(SpanKind.PRODUCER, publish.getKind());
        assertEquals(server.getSpanId(), publish.getParentSpanId());
        assertEquals(
                201L,
                server.getAttributes().asMap().entrySet().stream()
                        .filter(e -> e.getKey().getKey().equals("http.response.status_code"))
                        .findFirst()
                        .orElseThrow()
                        .getValue());

        String header = traceparentOf(written);
        assertEquals("00-" + CALLER_TRACE + "-" + publish.getSpanId() + "-01", header, "readers continue the append");
    }

    @Test
    void anEmitWithoutATraceStartsOne() throws Exception {
        HttpResponse<String> written =
                emitter.post(EmitterHarness.assignment("a-untraced", "t"), emitter.producerToken());
        assertEquals(201, written.statusCode(), written.body());

        SpanData server = await("POST /v1/events");
        assertFalse(server.getParentSpanContext().isValid(), "a new trace");
        String header = traceparentOf(written);
        // Sampled; newer SDKs also flag their trace ids as random (W3C Trace Context level 2): 01 or 03.
        assertTrue(header.matches("00-" + server.getTraceId() + "-[0-9a-f]{16}-0[13]"), header);
    }

    @Test
    void everyProblemNamesTheTraceItBelongsTo() throws Exception {
        HttpResponse<String> invalid = emitter.post(
                "{\"type\": \"assignment.created\", \"recordId\": \"a-1\", \"payload\": {}}",
                emitter.producerToken(),
                "traceparent",
                TRACEPARENT);
        assertEquals(400, invalid.statusCode(), invalid.body());
        assertEquals(CALLER_TRACE, JSON.readTree(invalid.body()).get("traceId").asText());

        HttpResponse<String> anonymous = emitter.post(EmitterHarness.assignment("a-2", "t"), null);
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        String traceId = JSON.readTree(anonymous.body()).get("traceId").asText();
        assertTrue(traceId.matches("[0-9a-f]{32}"), anonymous.body());
        await("POST /v1/events", traceId);
    }

    private SpanData await(String name) {
        return await(name, null);
    }

    /** The finished span named {@code name}, of trace {@code traceId} unless that is null. */
    private SpanData await(String name, String traceId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (SpanData span : spans.getFinishedSpanItems()) {
                if (span.getName().equals(name)
                        && (traceId == null || span.getTraceId().equals(traceId))) {
                    return span;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no span '" + name + "' in " + spans.getFinishedSpanItems());
    }

    private String traceparentOf(HttpResponse<String> written) throws Exception {
        Header header = TopicReader.recordAt(kafka, written.body()).headers().lastHeader(EventHeaders.TRACEPARENT);
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
