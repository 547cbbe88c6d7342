package dev.eventline.stream.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.schemas.codec.WireFormat;
import dev.eventline.stream.support.StreamHarness;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestEvents;
import dev.eventline.testkit.kafka.TestKafka;
import dev.eventline.testkit.sse.SseClient;
import dev.eventline.testkit.sse.SseClient.Frame;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /v1/snapshot}: current state from Kafka Streams, then the stream, exactly once. */
@ExtendWith(KafkaBrokerExtension.class)
class SnapshotIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void snapshotThenStreamGivesEveryEventExactlyOnceUnderConcurrentEmits(TestKafka kafka) throws Exception {
        String tenant = tenant();
        int events = 400;
        try (StreamHarness stream = new StreamHarness(kafka, Map.of());
                TestEvents producer = new TestEvents(kafka)) {
            String teacher = stream.token("teacher-1", tenant, "teacher");
            awaitReady(stream, teacher);
            CountDownLatch underWay = new CountDownLatch(1);
            CompletableFuture<Void> emitting = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < events; i++) {
                    String record = "r-" + (i % 25);
                    if (i % 10 == 9) {
                        producer.deleted("assignment.deleted", tenant, record);
                    } else {
                        producer.assignment(tenant, record, "v" + i);
                    }
                    if (i == 100) {
                        underWay.countDown();
                    }
                }
                producer.assignment(tenant, "end", "end");
            });
            assertTrue(underWay.await(30, TimeUnit.SECONDS));
            JsonNode snapshot = snapshot(stream, teacher, "assignments");

            List<String> streamed = new ArrayList<>();
            try (SseClient client = SseClient.connect(
                    stream.url("/v1/stream?topics=assignments&last_event_id="
                            + encode(snapshot.get("cursor").asText())),
                    teacher)) {
                client.next(WAIT);
                while (!streamed.contains("end")) {
                    Frame frame = client.next(WAIT);
                    JsonNode data = JSON.readTree(frame.data());
                    streamed.add(
                            frame.event().equals("assignment.deleted")
                                    ? "deleted:" + data.get("recordId").asText()
                                    : data.get("payload").get("title").asText());
                }
            }
            emitting.get(30, TimeUnit.SECONDS);

            // The stream carries a suffix of what was emitted: from event k on, each once, in order.
            int k = events - (streamed.size() - 1);
            List<String> expectedSuffix = new ArrayList<>();
            for (int i = k; i < events; i++) {
                expectedSuffix.add(i % 10 == 9 ? "deleted:r-" + (i % 25) : "v" + i);
            }
            expectedSuffix.add("end");
            assertEquals(expectedSuffix, streamed);
            assertTrue(k > 0 && k < events, "the snapshot was taken while events flowed (k=" + k + ")");

            // The snapshot is the state after exactly the first k events.
            Map<String, String> expected = new TreeMap<>();
            for (int i = 0; i < k; i++) {
                String record = "r-" + (i % 25);
                if (i % 10 == 9) {
                    expected.remove(record);
                } else {
                    expected.put(record, "v" + i);
                }
            }
            assertEquals(expected, titles(snapshot));
        }
    }

    @Test
    void aTopicHoldingBothWireFormatsIsSnapshottedAndStreamedWhole(TestKafka kafka) throws Exception {
        String tenant = tenant();
        try (StreamHarness stream = new StreamHarness(kafka, Map.of());
                TestEvents before = new TestEvents(kafka, WireFormat.SINGLE_OBJECT);
                TestEvents after = new TestEvents(kafka, WireFormat.CONFLUENT)) {
            String teacher = stream.token("teacher-1", tenant, "teacher");
            before.assignment(tenant, "a-1", "one");
            after.assignment(tenant, "a-2", "two");
            after.assignment(tenant, "a-1", "one, revised");
            awaitReady(stream, teacher);
            JsonNode snapshot = snapshot(stream, teacher, "assignments");
            assertEquals(Map.of("a-1", "one, revised", "a-2", "two"), titles(snapshot));

            try (SseClient client = SseClient.connect(
                    stream.url("/v1/stream?topics=assignments&last_event_id="
                            + encode(snapshot.get("cursor").asText())),
                    teacher)) {
                client.next(WAIT);
                before.assignment(tenant, "a-3", "three");
                after.assignment(tenant, "a-4", "four");
                assertEquals(
                        "three",
                        JSON.readTree(client.next(WAIT).data())
                                .at("/payload/title")
                                .asText());
                assertEquals(
                        "four",
                        JSON.readTree(client.next(WAIT).data())
                                .at("/payload/title")
                                .asText());
            }
        }
    }

    @Test
    void deletedRecordsLeaveTheSnapshot(TestKafka kafka) throws Exception {
        String tenant = tenant();
        try (StreamHarness stream = new StreamHarness(kafka, Map.of());
                TestEvents producer = new TestEvents(kafka)) {
            String teacher = stream.token("teacher-1", tenant, "teacher");
            producer.assignment(tenant, "a-1", "one");
            producer.assignment(tenant, "a-2", "two");
            producer.deleted("assignment.deleted", tenant, "a-1");
            producer.assignment(tenant, "a-2", "two, revised");
            awaitReady(stream, teacher);
            assertEquals(Map.of("a-2", "two, revised"), titles(snapshot(stream, teacher, "assignments")));
        }
    }

    @Test
    void snapshotsKeepTenantsRolesAndAudiencesApart(TestKafka kafka) throws Exception {
        String tenant = tenant();
        String other = tenant();
        try (StreamHarness stream = new StreamHarness(kafka, Map.of());
                TestEvents producer = new TestEvents(kafka)) {
            String teacher = stream.token("teacher-1", tenant, "teacher");
            producer.assignment(tenant, "mine", "mine");
            producer.assignment(other, "theirs", "theirs");
            producer.notification(tenant, "n-me", List.of("teacher-1"));
            producer.notification(tenant, "n-someone", List.of("teacher-2"));
            producer.submission(tenant, "s-1", "mine");
            producer.submission(tenant, "s-2", "mine");
            producer.submission(tenant, "s-3", "other-assignment");
            producer.deleted("submission.deleted", tenant, "s-2");
            awaitReady(stream, teacher);

            JsonNode snapshot = snapshot(stream, teacher, "assignments,notifications,submissions");
            List<String> records = new ArrayList<>();
            snapshot.get("records")
                    .forEach(r -> records.add(r.get("data").get("recordId").asText()));
            assertEquals(List.of("mine", "n-me", "s-1", "s-3"), records);
            assertFalse(snapshot.has("summaries"), "figures are computed only when asked for");
            JsonNode summarized = snapshot(
                    stream, teacher, "assignments,notifications,submissions&summaries=submissionsPerAssignment");
            assertEquals(
                    Map.of("mine", 1, "other-assignment", 1),
                    JSON.convertValue(summarized.get("summaries").get("submissionsPerAssignment"), Map.class));
            HttpResponse<String> unknown =
                    stream.get("/v1/snapshot?topics=submissions&summaries=averageScore", teacher);
            assertEquals(400, unknown.statusCode(), unknown.body());
            assertTrue(unknown.body().contains("invalid-summaries"), unknown.body());

            assertEquals(
                    403,
                    stream.get("/v1/snapshot?topics=assignments", stream.token("p", tenant, "pupil"))
                            .statusCode());
            assertEquals(
                    401, stream.get("/v1/snapshot?topics=assignments", null).statusCode());
            assertEquals(404, stream.get("/v1/snapshot?topics=nope", teacher).statusCode());
        }
    }

    private static void awaitReady(StreamHarness stream, String token) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (stream.get("/v1/snapshot?topics=assignments", token).statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "the snapshot store never became ready");
            Thread.sleep(100);
        }
    }

    private static void awaitRecords(StreamHarness stream, String token, int count) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (titles(snapshot(stream, token, "assignments")).size() < count) {
            assertTrue(System.nanoTime() < deadline, "records never arrived");
            Thread.sleep(100);
        }
    }

    private static JsonNode snapshot(StreamHarness stream, String token, String topics) throws Exception {
        HttpResponse<String> response = stream.get("/v1/snapshot?topics=" + topics, token);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static Map<String, String> titles(JsonNode snapshot) {
        Map<String, String> titles = new HashMap<>();
        snapshot.get("records")
                .forEach(r -> titles.put(
                        r.get("data").get("recordId").asText(),
                        r.get("data").get("payload").get("title").asText()));
        return new TreeMap<>(titles);
    }

    private static String encode(String cursor) {
        return URLEncoder.encode(cursor, StandardCharsets.UTF_8);
    }

    private static String tenant() {
        return "tenant-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
