package dev.eventline.stream.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /v1/events}: the stream as JSON pages, with the stream's ids, rules and authorization. */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private StreamHarness stream;
    private TestEvents events;
    private TestKafka kafka;

    @BeforeAll
    void start(TestKafka kafka) {
        this.kafka = kafka;
        this.stream = new StreamHarness(kafka, Map.of("eventline.stream.heartbeat", "300ms"));
        this.events = new TestEvents(kafka);
    }

    @AfterAll
    void stop() {
        events.close();
        stream.close();
    }

    @Test
    void pagesCarryTheStreamsEventsAndCursorsThatResumeExactly() throws Exception {
        String tenant = tenant();
        String teacher = stream.token("teacher-1", tenant, "teacher");
        String start = page("/v1/events?topics=assignments,submissions", teacher)
                .get("cursor")
                .asText();
        List<Frame> streamed;
        try (SseClient client = SseClient.connect(
                stream.url("/v1/stream?topics=assignments,submissions&last_event_id=" + encode(start)), teacher)) {
            client.next(WAIT);
            events.assignment(tenant, "a-1", "one");
            events.submission(tenant, "s-1", 7);
            events.assignment(tenant, "a-2", "two");
            streamed = client.next(3, WAIT);
        }

        JsonNode first = page("/v1/events?topics=assignments,submissions&limit=2&after=" + encode(start), teacher);
        assertEquals(2, first.get("events").size());
        assertTrue(first.get("more").asBoolean(), "the limit cut the page short");
        JsonNode rest = page(
                "/v1/events?topics=assignments,submissions&after="
                        + encode(first.get("cursor").asText()),
                teacher);
        assertFalse(rest.get("more").asBoolean());
        List<JsonNode> items = new ArrayList<>();
        first.get("events").forEach(items::add);
        rest.get("events").forEach(items::add);

        assertEquals(3, items.size());
        List<JsonNode> streamedData = new ArrayList<>();
        for (Frame frame : streamed) {
            streamedData.add(JSON.readTree(frame.data()));
        }
        List<JsonNode> pagedData = items.stream().map(i -> i.get("data")).toList();
        assertTrue(
                pagedData.containsAll(streamedData) && streamedData.containsAll(pagedData),
                "the same events: " + pagedData);
        assertEquals(streamed.get(2).id(), rest.get("cursor").asText(), "both end at the same cursor");

        // A page's cursor is a stream position like any other: the stream goes on from it exactly.
        try (SseClient client = SseClient.connect(
                stream.url("/v1/stream?topics=assignments,submissions&last_event_id="
                        + encode(first.get("cursor").asText())),
                teacher)) {
            client.next(WAIT);
            Frame next = client.next(WAIT);
            assertEquals(rest.get("events").get(0).get("data"), JSON.readTree(next.data()));
            assertEquals(rest.get("events").get(0).get("id").asText(), next.id());
        }
    }

    @Test
    void replayAppliesTheStreamsAuthorization() throws Exception {
        String tenant = tenant();
        String teacher = stream.token("teacher-1", tenant, "teacher");
        String start = page("/v1/events?topics=assignments,notifications", teacher)
                .get("cursor")
                .asText();
        events.assignment(tenant(), "other-tenant", "x");
        events.notification(tenant, "n-other-user", List.of("someone-else"));
        events.notification(tenant, "n-mine", List.of("teacher-1"));
        assertEquals(List.of("n-mine"), recordsAfter("/v1/events?topics=assignments,notifications", start, teacher, 1));

        assertEquals(
                403,
                stream.get("/v1/events?topics=assignments", stream.token("p", tenant, "pupil"))
                        .statusCode());
        assertEquals(401, stream.get("/v1/events?topics=assignments", null).statusCode());
        assertEquals(
                400,
                stream.get("/v1/events?topics=assignments&limit=0", teacher).statusCode());
        HttpResponse<String> forged = stream.get("/v1/events?topics=assignments&after=v1~files.0-0", teacher);
        assertEquals(400, forged.statusCode());
        assertEquals(
                "application/problem+json",
                forged.headers().firstValue("content-type").orElse(""));
    }

    @Test
    void anExpiredPositionIsAResetItemThenTheOldestEvents() throws Exception {
        String tenant = tenant();
        String teacher = stream.token("teacher-1", tenant, "teacher");
        String start =
                page("/v1/events?topics=assignments", teacher).get("cursor").asText();
        events.assignment(tenant, "gone", "x");
        RecordMetadata last = events.assignment(tenant, "gone-too", "x");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.deleteRecords(Map.of(
                            new TopicPartition("assignments", last.partition()),
                            RecordsToDelete.beforeOffset(last.offset() + 1)))
                    .all()
                    .get();
        }
        events.assignment(tenant, "kept", "x");
        recordsAfter("/v1/events?topics=assignments", start, teacher, 1);
        JsonNode items = page("/v1/events?topics=assignments&after=" + encode(start), teacher)
                .get("events");
        assertEquals("reset", items.get(0).get("event").asText());
        assertEquals(
                last.offset() + 1,
                items.get(0).get("data").get("earliestOffset").asLong());
        assertEquals(
                "kept", items.get(items.size() - 1).get("data").get("recordId").asText());
    }

    @Test
    void streamsAnnounceTheirTypesAndCanSendHeartbeatsAsEvents() throws Exception {
        String teacher = stream.token("teacher-1", tenant(), "teacher");
        try (SseClient client = SseClient.connect(
                stream.url("/v1/stream?topics=assignments&types=assignment.c&heartbeat=event"), teacher)) {
            JsonNode connected = JSON.readTree(client.next(WAIT).data());
            assertEquals("[]", connected.get("types").toString(), "no type starts with the exact 'assignment.c'");
            assertTrue(connected.get("retryMs").asLong() > 0);
            Frame heartbeat = client.next(WAIT);
            assertEquals("heartbeat", heartbeat.event());
            assertEquals(null, heartbeat.id(), "a heartbeat never moves the client's last event id");
        }
        try (SseClient client =
                SseClient.connect(stream.url("/v1/stream?topics=assignments&types=assignment."), teacher)) {
            JsonNode connected = JSON.readTree(client.next(WAIT).data());
            assertEquals(
                    "[\"assignment.created\",\"assignment.updated\",\"assignment.deleted\"]",
                    connected.get("types").toString());
        }
        assertEquals(
                400,
                stream.get("/v1/stream?topics=assignments&heartbeat=loud", teacher)
                        .statusCode());
    }

    /** Record ids after {@code cursor} once there are {@code count} (the tail sees a write a moment later). */
    private List<String> recordsAfter(String path, String cursor, String token, int count) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> records = new ArrayList<>();
        while (records.size() < count && System.nanoTime() < deadline) {
            records.clear();
            page(path + "&after=" + encode(cursor), token).get("events").forEach(i -> {
                if (i.get("data").has("recordId")) {
                    records.add(i.get("data").get("recordId").asText());
                }
            });
            Thread.sleep(50);
        }
        return records;
    }

    private JsonNode page(String pathAndQuery, String token) throws Exception {
        HttpResponse<String> response = stream.get(pathAndQuery, token);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static String encode(String cursor) {
        return URLEncoder.encode(cursor, StandardCharsets.UTF_8);
    }

    private static String tenant() {
        return "tenant-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
