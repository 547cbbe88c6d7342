package dev.eventline.emitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.infra.kafka.junit.KafkaBrokerExtension;
import dev.eventline.infra.kafka.junit.TestKafka;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class EmitterHealthIT {

    @Test
    void healthReportsUpIncludingKafkaAndLoadedIdempotencyKeys(TestKafka kafka) {
        try (EmitterHarness emitter = new EmitterHarness(kafka, Map.of())) {
            HttpResponse<String> health = emitter.get("/health");
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
            assertTrue(health.body().contains("\"kafka\""), health.body());
            assertTrue(health.body().contains("\"keysLoaded\":true"), health.body());
        }
    }

    @Test
    void prometheusExposesEmitMetrics(TestKafka kafka) {
        try (EmitterHarness emitter = new EmitterHarness(kafka, Map.of())) {
            emitter.post(EmitterHarness.assignment("m-1", "x"), emitter.producerToken());
            emitter.post("{}", emitter.producerToken());
            String metrics = emitter.get("/prometheus").body();
            assertTrue(
                    metrics.contains("eventline_emit_accepted_total{replayed=\"false\",type=\"assignment.created\"}"),
                    metrics);
            assertTrue(metrics.contains("eventline_emit_latency_seconds_bucket"), metrics);
            assertTrue(metrics.contains("eventline_emit_in_flight"), metrics);
        }
    }
}
