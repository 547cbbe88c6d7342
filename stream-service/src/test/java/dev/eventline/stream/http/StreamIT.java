package dev.eventline.stream.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.stream.cursor.CursorCodec;
import dev.eventline.stream.support.StreamHarness;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestEvents;
import dev.eventline.testkit.kafka.TestKafka;
import dev.eventline.testkit.sse.SseClient;
import dev.eventline.testkit.sse.SseClient.Frame;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private StreamHarness stream;
    private TestEvents events;
    private TestKafka kafka;
    private HttpClient http;

    /** Settings of the service under test; subclasses run the same behaviours with other settings. */
    Map<String, Object> settings() {
        return Map.of("eventline.stream.heartbeat", "1s");
    }

    /** The client every request goes through; subclasses run the same behaviours over HTTP/2. */
    HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @BeforeAll
    void start(TestKafka kafka) {
        this.kafka = kafka;
        this.http = client();
        this.stream = new StreamHarness(kafka, settings(), http);
        this.events = new TestEvents(kafka);
    }

    @AfterAll
    void stop() {
        events.close();
        stream.close();
    }

    @Test
    void deliversLiveEventsOfSeveralTopicsWithCursorIds() throws Exception {
        String tenant = tenant();
        try (SseClient client = subscribe(tenant, "assignments,submissions", null)) {
            HttpResponse<Stream<String>> response = client.response();
            assertEquals(200, response.statusCode());
            assertEquals(http.version(), response.version(), "the protocol under test");
            assertEquals(
                    "text/event-stream",
                    response.headers().firstValue("content-type").orElse(""));
            assertEquals(
                    "no-cache, no-transform",
                    response.headers().firstValue("cache-control").orElse(""));
            assertEquals(
                    "no", response.headers().firstValue("x-accel-buffering").orElse(""));
            Frame connected = client.next(WAIT);
            assertEquals("connected", connected.event());
            assertNotNull(connected.retry());
            assertEquals(
                    List.of("assignments", "submissions"),
                    List.of(
                            JSON.readTree(connected.data()).get("topics").get(0).asText(),
                            JSON.readTree(connected.data()).get("topics").get(1).asText()));

            events.assignment(tenant, "a-1", "Fractions");
            events.submission(tenant, "s-1", 7.5);
            List<Frame> frames = client.next(2, WAIT);
            Frame assignment = frames.stream()
                    .filter(f -> f.event().equals("assignment.created"))
                    .findFirst()
                    .orElseThrow();
            Frame submission = frames.stream()
                    .filter(f -> f.event().equals("submission.updated"))
                    .findFirst()
                    .orElseThrow();
            JsonNode data = JSON.readTree(assignment.data());
            assertEquals("a-1", data.get("recordId").asText());
            assertEquals("Fractions", data.get("payload").get("title").asText());
            assertEquals("PUBLISHED", data.get("payload").get("status").asText());
            assertEquals(
                    7.5,
                    JSON.readTree(submission.data()).get("payload").get("score").asDouble());
            assertEquals(2, CursorCodec.decode(submission.id()).partitions().size());
        }
    }

    @Test
    void resumesAfterLastEventIdWithoutGapOrDuplicate() throws Exception {
        String tenant = tenant();
        String lastId;
        try (SseClient client = subscribe(tenant, "assignments", null)) {
            client.next(WAIT);
            for (int i = 0; i < 10; i++) {
                events.assignment(tenant, "r-" + i, "t" + i);
            }
            List<Frame> first = client.next(4, WAIT);
            assertEquals(List.of("r-0", "r-1", "r-2", "r-3"), recordIds(first));
            lastId = first.get(3).id();
        }
        for (int i = 10; i < 15; i++) {
            events.assignment(tenant, "r-" + i, "t" + i);
        }
        try (SseClient header = subscribe(tenant, "assignments", null, "Last-Event-ID", lastId);
                SseClient query = subscribe(tenant, "assignments&last_event_id=" + lastId, null)) {
            for (SseClient client : List.of(header, query)) {
                Frame connected = client.next(WAIT);
                assertEquals(lastId, connected.id());
                List<Frame> rest = client.next(11, WAIT);
                assertEquals(
                        List.of("r-4", "r-5", "r-6", "r-7", "r-8", "r-9", "r-10", "r-11", "r-12", "r-13", "r-14"),
                        recordIds(rest));
            }
        }
    }

    @Test
    void earliestAndSinceReplayFromTheLog() throws Exception {
        String tenant = tenant();
        events.assignment(tenant, "old-1", "x");
        Thread.sleep(50);
        Instant between = Instant.now();
        Thread.sleep(50);
        events.assignment(tenant, "new-1", "x");
        try (SseClient earliest = subscribe(tenant, "assignments&last_event_id=earliest", null);
                SseClient since = subscribe(tenant, "assignments&since=" + between, null);
                SseClient sinceMillis = subscribe(tenant, "assignments&since=" + between.toEpochMilli(), null)) {
            earliest.next(WAIT);
            assertEquals(List.of("old-1", "new-1"), recordIds(earliest.next(2, WAIT)));
            since.next(WAIT);
            assertEquals(List.of("new-1"), recordIds(since.next(1, WAIT)));
            sinceMillis.next(WAIT);
            assertEquals(List.of("new-1"), recordIds(sinceMillis.next(1, WAIT)));
        }
    }

    @Test
    void cursorBelowRetentionGetsResetThenTheOldestRetainedEvents() throws Exception {
        String tenant = tenant();
        RecordMetadata first = null;
        for (int i = 0; i < 5; i++) {
            RecordMetadata sent = events.assignment(tenant, "d-" + i, "x");
            first = first == null ? sent : first;
        }
        String cursor = "v1~assignments." + first.partition() + "-" + Long.toString(first.offset(), 36);
        TopicPartition tp = new TopicPartition("assignments", first.partition());
        long deleteBelow = first.offset() + 3;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(deleteBelow)))
                    .all()
                    .get();
        }
        try (SseClient client = subscribe(tenant, "assignments", null, "Last-Event-ID", cursor)) {
            client.next(WAIT);
            Frame reset = client.next(WAIT);
            assertEquals("reset", reset.event());
            assertEquals(
                    deleteBelow,
                    JSON.readTree(reset.data()).get("earliestOffset").asLong());
            assertEquals(
                    first.offset(),
                    JSON.readTree(reset.data()).get("requestedOffset").asLong());
            assertEquals(List.of("d-3", "d-4"), recordIds(client.next(2, WAIT)));
        }
    }

    @Test
    void tenantsAndAudiencesSeeOnlyTheirEvents() throws Exception {
        String tenant = tenant();
        String other = tenant();
        try (SseClient u1 = subscribe(tenant, "notifications", "u1");
                SseClient u2 = subscribe(tenant, "notifications", "u2");
                SseClient otherTenant = subscribe(other, "notifications", "u1")) {
            u1.next(WAIT);
            u2.next(WAIT);
            otherTenant.next(WAIT);
            events.notification(tenant, "n-for-u1", List.of("u1"));
            // Notifications are addressed by audience (the catalog): without one, to nobody.
            events.notification(tenant, "n-for-nobody", List.of());
            events.notification(tenant, "n-for-u2", List.of("user:u2"));
            events.notification(other, "n-other", List.of("u1"));
            assertEquals(List.of("n-for-u1"), recordIds(u1.next(1, WAIT)));
            // Written after the one to nobody: had that leaked, it would come first.
            assertEquals(List.of("n-for-u2"), recordIds(u2.next(1, WAIT)));
            assertEquals(List.of("n-other"), recordIds(otherTenant.next(1, WAIT)));
        }
    }

    @Test
    void typeAndRecordFiltersApply() throws Exception {
        String tenant = tenant();
        try (SseClient byType = subscribe(tenant, "assignments,submissions&types=submission.", null);
                SseClient byRecord = subscribe(tenant, "assignments&record=keep", null)) {
            byType.next(WAIT);
            byRecord.next(WAIT);
            events.assignment(tenant, "skip", "x");
            events.assignment(tenant, "keep", "x");
            events.submission(tenant, "s-9", 1);
            assertEquals(List.of("s-9"), recordIds(byType.next(1, WAIT)));
            assertEquals(List.of("keep"), recordIds(byRecord.next(1, WAIT)));
        }
    }

    @Test
    void heartbeatsAreCommentsAndExpiredTokensEndTheStream() throws Exception {
        String tenant = tenant();
        String shortLived = stream.token("teacher-1", tenant, Duration.ofSeconds(3), "teacher");
        try (SseClient client = SseClient.connect(http, stream.url("/v1/stream?topics=assignments"), shortLived)) {
            client.next(WAIT);
            Frame heartbeat = client.poll(WAIT);
            assertEquals("heartbeat", heartbeat.comment());
            Frame expired = client.next(WAIT);
            assertEquals("auth-expired", expired.event());
        }
    }

    @Test
    void refusesBeforeOpeningWithProblemJson() throws Exception {
        String tenant = tenant();
        String teacher = stream.token("t", tenant, "teacher");
        String pupil = stream.token("p", tenant, "pupil");
        assertProblem(stream.get("/v1/stream?topics=assignments", null), 401, null);
        assertProblem(stream.get("/v1/stream?topics=assignments", pupil), 403, "urn:eventline:problem:forbidden-topic");
        assertProblem(stream.get("/v1/stream?topics=nope", teacher), 404, "urn:eventline:problem:unknown-topic");
        assertProblem(stream.get("/v1/stream", teacher), 400, "urn:eventline:problem:no-topics");
        assertProblem(
                stream.get("/v1/stream?topics=assignments&last_event_id=v1~x", teacher),
                400,
                "urn:eventline:problem:invalid-cursor");
        assertProblem(
                stream.get("/v1/stream?topics=assignments&last_event_id=garbage%0Aevent:%20x", teacher),
                400,
                "urn:eventline:problem:invalid-cursor");
        assertProblem(
                stream.get("/v1/stream?topics=assignments&since=yesterday", teacher),
                400,
                "urn:eventline:problem:invalid-since");
        int mine = CursorCodec.decode(firstId(tenant))
                .partitions()
                .iterator()
                .next()
                .partition();
        String forged = "v1~assignments." + ((mine + 1) % 6) + "-0";
        assertProblem(
                stream.get("/v1/stream?topics=assignments&last_event_id=" + forged, teacher),
                400,
                "urn:eventline:problem:invalid-cursor");
        String ahead = "v1~assignments." + mine + "-zzzzzz";
        assertProblem(
                stream.get("/v1/stream?topics=assignments&last_event_id=" + ahead, teacher),
                400,
                "urn:eventline:problem:invalid-cursor");
    }

    @Test
    void prometheusCountsConnectionsDeliveriesAndRefusals() throws Exception {
        String tenant = tenant();
        try (SseClient client = subscribe(tenant, "assignments", null)) {
            client.next(WAIT);
            events.assignment(tenant, "metered", "x");
            client.next(WAIT);
            stream.get("/v1/stream?topics=nope", stream.token("t", tenant, "teacher"));
            String metrics = stream.get("/prometheus", null).body();
            assertTrue(metrics.contains("eventline_stream_connections{topic=\"assignments\"}"), metrics);
            assertTrue(metrics.contains("eventline_stream_deliveries_total"), metrics);
            assertTrue(metrics.contains("eventline_stream_latency_seconds_bucket"), metrics);
            assertTrue(metrics.contains("eventline_stream_rejected_total{reason=\"unknown-topic\"}"), metrics);
        }
    }

    private String firstId(String tenant) throws Exception {
        try (SseClient client = subscribe(tenant, "assignments", null)) {
            return client.next(WAIT).id();
        }
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(
                "application/problem+json",
                response.headers().firstValue("content-type").orElse(""));
        if (type != null) {
            assertEquals(type, JSON.readTree(response.body()).get("type").asText(), response.body());
        }
    }

    private SseClient subscribe(String tenant, String topicsAndQuery, String user, String... headers) {
        String token = stream.token(user == null ? "teacher-1" : user, tenant, "teacher", "member");
        return SseClient.connect(http, stream.url("/v1/stream?topics=" + topicsAndQuery), token, headers);
    }

    private static List<String> recordIds(List<Frame> frames) throws Exception {
        List<String> ids = new ArrayList<>();
        for (Frame frame : frames) {
            ids.add(JSON.readTree(frame.data()).get("recordId").asText());
        }
        return ids;
    }

    private static String tenant() {
        return "tenant-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
