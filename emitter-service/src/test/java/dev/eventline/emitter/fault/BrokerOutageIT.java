package dev.eventline.emitter.fault;

import static dev.eventline.emitter.EmitterHarness.assignment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.emitter.EmitterHarness;
import dev.eventline.emitter.TopicReader;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.codec.EventCodec;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The broker goes away while producers emit: never a 2xx for an event that is then missing. */
@ExtendWith(KafkaBrokerExtension.class)
class BrokerOutageIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void brokerDownAnswers503AndEveryAcknowledgedEventIsThereAfterwards(TestKafka kafka) throws Exception {
        Map<String, Object> fastFailure = Map.of(
                "kafka.producers.events.max.block.ms", 2000,
                "kafka.producers.events.request.timeout.ms", 1500,
                "kafka.producers.events.delivery.timeout.ms", 4000);
        List<JsonNode> acknowledged = new ArrayList<>();
        try (EmitterHarness emitter = new EmitterHarness(kafka, fastFailure)) {
            for (int i = 0; i < 5; i++) {
                acknowledged.add(created(emitter.post(assignment("before-" + i, "x"), emitter.producerToken())));
            }

            kafka.stopBroker();
            try {
                HttpResponse<String> during = emitter.post(assignment("during", "x"), emitter.producerToken());
                assertEquals(503, during.statusCode(), during.body());
                assertTrue(during.headers().firstValue("Retry-After").isPresent());
                assertEquals(
                        "application/problem+json",
                        during.headers().firstValue("content-type").orElse(""));
            } finally {
                kafka.startBroker();
            }

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            HttpResponse<String> after;
            do {
                after = emitter.post(assignment("after", "x"), emitter.producerToken());
                if (after.statusCode() != 201 && after.statusCode() != 503) {
                    fail("unexpected answer after the broker came back: " + after.statusCode() + " " + after.body());
                }
            } while (after.statusCode() != 201 && System.nanoTime() < deadline);
            acknowledged.add(created(after));
        }

        EventCodec codec = new EventCodec(EventSchemas.load());
        for (JsonNode receipt : acknowledged) {
            var records = TopicReader.readFrom(
                    kafka,
                    receipt.get("topic").asText(),
                    receipt.get("partition").asInt(),
                    receipt.get("offset").asLong());
            GenericRecord envelope =
                    (GenericRecord) codec.decode(records.get(0).value()).get("envelope");
            assertEquals(
                    receipt.get("eventId").asText(), envelope.get("eventId").toString());
        }
    }

    private static JsonNode created(HttpResponse<String> response) throws Exception {
        assertEquals(201, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }
}
