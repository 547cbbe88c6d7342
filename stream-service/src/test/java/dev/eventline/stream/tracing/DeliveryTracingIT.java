package dev.eventline.stream.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.schemas.assignment.AssignmentChanged;
import dev.eventline.schemas.assignment.AssignmentStatus;
import dev.eventline.stream.support.StreamHarness;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestEvents;
import dev.eventline.testkit.kafka.TestKafka;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stream service continues an emit's trace when it delivers the event: the live tail's consumer
 * span is a child of the span named in the record's {@code traceparent} header; records without one
 * start no trace. Its problem+json answers carry the request's trace id. Real broker, spans from the
 * SDK's in-memory exporter.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryTracingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EMIT_TRACE = "5b8aa5a2d2c872e8321cf37308d69df2";
    private static final String PUBLISH_SPAN = "051581bf3cb55c13";

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private StreamHarness stream;

    @BeforeAll
    void start(TestKafka kafka) {
        stream = new StreamHarness(kafka, Map.of(), List.of(SimpleSpanProcessor.create(spans)));
    }

    @AfterAll
    void stop() {
        stream.close();
    }

    @Test
    void theDeliveryIsAChildOfTheSpanThatWroteTheEvent() {
        TestEvents events = stream.events();
        events.send(
                assignment("t-traced", "a-traced"),
                Map.of("traceparent", "00-" + EMIT_TRACE + "-" + PUBLISH_SPAN + "-01"));
        events.send(assignment("t-traced", "a-untraced"));

        SpanData deliver = awaitSpan(EMIT_TRACE);
        assertEquals("deliver assignments", deliver.getName());
        assertEquals(SpanKind.CONSUMER, deliver.getKind());
        assertEquals(PUBLISH_SPAN, deliver.getParentSpanId());
        assertEquals("assignment.created", deliver.getAttributes().get(AttributeKey.stringKey("eventline.event.type")));
        assertEquals("t-traced", deliver.getAttributes().get(AttributeKey.stringKey("eventline.tenant")));
        assertTrue(
                spans.getFinishedSpanItems().stream()
                        .filter(span -> span.getName().startsWith("deliver"))
                        .allMatch(span -> span.getTraceId().equals(EMIT_TRACE)),
                "a record without a trace context starts none: " + spans.getFinishedSpanItems());
    }

    @Test
    void aProblemCarriesTheRequestsTraceId() throws Exception {
        HttpResponse<String> refused =
                stream.get("/v1/events?topics=no-such-topic", stream.token("teacher-1", "t-traced", "teacher"));
        assertEquals(404, refused.statusCode(), refused.body());
        String traceId = JSON.readTree(refused.body()).get("traceId").asText();
        assertTrue(traceId.matches("[0-9a-f]{32}"), refused.body());
        assertEquals("GET /v1/events", awaitSpan(traceId).getName());
    }

    private SpanData awaitSpan(String traceId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<SpanData> found = spans.getFinishedSpanItems().stream()
                    .filter(span -> span.getTraceId().equals(traceId))
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no span of trace " + traceId + " in " + spans.getFinishedSpanItems());
    }

    private static AssignmentChanged assignment(String tenant, String recordId) {
        return AssignmentChanged.newBuilder()
                .setEnvelope(TestEvents.envelope("assignment.created", tenant, recordId, List.of()))
                .setTitle("traced")
                .setClassId(null)
                .setDueAt(null)
                .setStatus(AssignmentStatus.PUBLISHED)
                .build();
    }
}
