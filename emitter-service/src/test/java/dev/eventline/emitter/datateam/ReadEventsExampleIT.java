package dev.eventline.emitter.datateam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.emitter.EmitterHarness;
import dev.eventline.schemas.kafka.ReadEventsExample;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The data-team example of the schemas jar reads what producers emitted through the platform. */
@ExtendWith(KafkaBrokerExtension.class)
class ReadEventsExampleIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void exampleReaderPrintsEventsEmittedThroughTheApi(TestKafka kafka) throws Exception {
        String fileEvent =
                """
                {"type": "file.progress", "recordId": "file-9", "audience": ["u-1"],
                 "payload": {"fileName": "essay.pdf", "status": "PROCESSING", "progress": 55, "stage": "EMBEDDING"}}""";
        String activity =
                """
                {"type": "activity.recorded", "recordId": "act-9",
                 "payload": {"entityType": "document", "entityId": "d-1", "action": "commented",
                             "description": "Ada commented on d-1", "actorName": "Ada"}}""";
        String fileEventId;
        String activityId;
        try (EmitterHarness emitter = new EmitterHarness(kafka, Map.of())) {
            HttpResponse<String> first = emitter.post(fileEvent, emitter.producerToken());
            HttpResponse<String> second = emitter.post(activity, emitter.producerToken());
            assertEquals(201, first.statusCode(), first.body());
            assertEquals(201, second.statusCode(), second.body());
            fileEventId = JSON.readTree(first.body()).get("eventId").asText();
            activityId = JSON.readTree(second.body()).get("eventId").asText();
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int printed = ReadEventsExample.read(
                kafka.bootstrapServers(),
                List.of("files", "activity"),
                10_000,
                Duration.ofSeconds(2),
                new PrintStream(out, true, StandardCharsets.UTF_8));

        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed >= 2, text);
        assertTrue(text.contains(fileEventId) && text.contains("file.progress tenant=tenant-a"), text);
        assertTrue(text.contains("\"progress\": 55") && text.contains("\"stage\": \"EMBEDDING\""), text);
        assertTrue(text.contains(activityId) && text.contains("Ada commented on d-1"), text);
    }
}
