package dev.eventline.stream.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.schemas.file.FileProgress;
import dev.eventline.schemas.file.FileStatus;
import dev.eventline.stream.support.StreamHarness;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestEvents;
import dev.eventline.testkit.kafka.TestKafka;
import dev.eventline.testkit.sse.SseClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Progress events over a real broker and real HTTP: a stream gets at most one event of a file per
 * 250 ms window and always its latest progress; {@code conflate=none} gets every event; a stream
 * resumed from an id it was sent starts with each file's latest state.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConflationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int UPDATES = 40;

    private StreamHarness stream;

    @BeforeAll
    void start(TestKafka kafka) {
        stream = new StreamHarness(kafka, Map.of("eventline.snapshot.enabled", "false"));
    }

    @AfterAll
    void stop() {
        stream.close();
    }

    @Test
    void aStreamGetsEachFilesLatestProgressAtMostOncePerWindow() throws Exception {
        String tenant = "t-conflated";
        String token = stream.token("u-1", tenant, "member");
        try (SseClient conflated = SseClient.connect(stream.url("/v1/stream?topics=files"), token);
                SseClient every = SseClient.connect(stream.url("/v1/stream?topics=files&conflate=none"), token)) {
            conflated.next(WAIT);
            every.next(WAIT);
            long started = System.nanoTime();
            for (int i = 1; i <= UPDATES; i++) {
                progress(tenant, "f-1", i * 100 / UPDATES);
                progress(tenant, "f-2", i * 100 / UPDATES);
            }
            double seconds = (System.nanoTime() - started) / 1e9;

            List<SseClient.Frame> all = until(every, 2 * UPDATES);
            assertEquals(2 * UPDATES, all.size(), "conflate=none: every event");
            List<SseClient.Frame> latest = untilBoth100(conflated);
            // One per file per started window, and the first of each at once.
            long windows = (long) Math.ceil(seconds / 0.25) + 2;
            assertTrue(latest.size() <= 2 * windows, latest.size() + " events in " + seconds + " s");
            assertTrue(latest.size() < all.size(), latest.size() + " of " + all.size());
            assertEquals(100, progressOf(latest.get(latest.size() - 1)));

            // Resumed from its first id, a new stream starts with each file's latest state.
            try (SseClient resumed = SseClient.connect(
                    stream.url("/v1/stream?topics=files&last_event_id="
                            + latest.get(0).id()),
                    token)) {
                resumed.next(WAIT);
                List<SseClient.Frame> after = untilBoth100(resumed);
                assertEquals(2, after.size(), "the window passed long ago: one event per file, its latest");
            }
        }
    }

    private RecordMetadata progress(String tenant, String file, int percent) {
        return stream.events()
                .send(FileProgress.newBuilder()
                        .setEnvelope(TestEvents.envelope("file.progress", tenant, file, List.of("user:u-1")))
                        .setFileName(file + ".pdf")
                        .setFileType(null)
                        .setStatus(percent == 100 ? FileStatus.READY : FileStatus.PROCESSING)
                        .setProgress(percent)
                        .setStage(null)
                        .setErrorMessage(null)
                        .build());
    }

    private static List<SseClient.Frame> until(SseClient client, int count) throws Exception {
        List<SseClient.Frame> frames = new ArrayList<>();
        while (frames.size() < count) {
            SseClient.Frame frame = client.next(WAIT);
            if ("file.progress".equals(frame.event())) {
                frames.add(frame);
            }
        }
        return frames;
    }

    /** Frames until both files were seen at 100 %. */
    private static List<SseClient.Frame> untilBoth100(SseClient client) throws Exception {
        List<SseClient.Frame> frames = new ArrayList<>();
        Map<String, Integer> last = new HashMap<>();
        while (!(last.getOrDefault("f-1", 0) == 100 && last.getOrDefault("f-2", 0) == 100)) {
            SseClient.Frame frame = client.next(WAIT);
            if ("file.progress".equals(frame.event())) {
                frames.add(frame);
                JsonNode data = JSON.readTree(frame.data());
                int percent = progressOf(frame);
                String file = data.get("recordId").asText();
                assertTrue(percent >= last.getOrDefault(file, 0), "never an older state: " + frame.data());
                last.put(file, percent);
            }
        }
        return frames;
    }

    private static int progressOf(SseClient.Frame frame) throws Exception {
        return JSON.readTree(frame.data()).at("/payload/progress").asInt();
    }
}
