package dev.eventline.emitter.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.emitter.EmitterHarness;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import dev.eventline.testkit.otlp.OtlpCollector;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With an OTLP endpoint configured, spans leave the process over OTLP/HTTP: a collector stand-in
 * receives protobuf at {@code /v1/traces} (it takes nothing else) holding the caller's trace id, the
 * span names and the service's name. Closing the service flushes what is still batched.
 */
@ExtendWith(KafkaBrokerExtension.class)
class OtlpExportIT {

    private static final String CALLER_TRACE = "0af7651916cd43dd8448eb211c80319c";

    @Test
    void spansReachTheConfiguredCollectorOverOtlpHttp(TestKafka kafka) throws Exception {
        try (OtlpCollector collector = new OtlpCollector()) {
            EmitterHarness emitter =
                    new EmitterHarness(kafka, Map.of("eventline.tracing.otlp-endpoint", collector.url()));
            HttpResponse<String> written = emitter.post(
                    EmitterHarness.assignment("a-exported", "t"),
                    emitter.producerToken(),
                    "traceparent",
                    "00-" + CALLER_TRACE + "-b7ad6b7169203331-01");
            assertEquals(201, written.statusCode(), written.body());
            emitter.close();

            assertTrue(collector.received(CALLER_TRACE, "POST /v1/events"), "the request's span");
            assertTrue(collector.received(CALLER_TRACE, "publish assignments"), "the append's span");
            assertTrue(collector.received("emitter-service"), "the service's name");
        }
    }
}
