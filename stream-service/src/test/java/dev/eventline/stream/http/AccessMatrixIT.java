package dev.eventline.stream.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The leak matrix: tenants x roles x groups x addressing x every read path (live, resume from a
 * cursor, a ticket stream, {@code GET /v1/events}, {@code GET /v1/snapshot}). Each reader gets
 * exactly the events addressed to it, deletions included, and nothing else, on every path.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PROJECTS_AND_FILES = "projects,files";

    /** Who reads: a tenant, a user, roles, groups, and the topics its roles allow. */
    private record Reader(String tenant, String user, List<String> roles, List<String> groups, String topics) {}

    private final String a = "a-" + UUID.randomUUID();
    private final String b = "b-" + UUID.randomUUID();
    private final Reader admin = new Reader(a, "a-1", List.of("admin"), List.of(), PROJECTS_AND_FILES);
    private final Reader memberOfP1 =
            new Reader(a, "m-1", List.of("member"), List.of("project:p-1"), PROJECTS_AND_FILES);
    private final Reader memberOfP2 =
            new Reader(a, "m-2", List.of("member"), List.of("project:p-2"), PROJECTS_AND_FILES);
    // Not in the matrix: a member of both projects, for reads scoped to both.
    private final Reader memberOfBoth =
            new Reader(a, "m-3", List.of("member"), List.of("project:p-1", "project:p-2"), PROJECTS_AND_FILES);
    private final Reader pupil = new Reader(a, "p-1", List.of("pupil"), List.of("class:7b"), "files");
    // The same user id and group name in another tenant: groups are tenant-relative.
    private final Reader otherTenant =
            new Reader(b, "m-1", List.of("member"), List.of("project:p-1"), PROJECTS_AND_FILES);
    private final List<Reader> readers = List.of(admin, memberOfP1, memberOfP2, pupil, otherTenant);

    /** The events each reader must read ("deleted" marks a deletion), on every path but snapshots. */
    private final Map<Reader, Set<String>> expected = Map.of(
            admin, Set.of("proj-all"),
            memberOfP1, Set.of("proj-all", "proj-p1", "file-m1"),
            memberOfP2, Set.of("proj-all", "proj-p2", "proj-p2b", "proj-m2", "proj-p2 deleted", "file-p2"),
            pupil, Set.of("file-p1", "file-class", "file-class deleted"),
            otherTenant, Set.of("projB-p1", "fileB-m1"));

    /** The records each reader's snapshot holds: the latest event of each, deleted records gone. */
    private final Map<Reader, Set<String>> snapshots = Map.of(
            admin, Set.of("proj-all"),
            memberOfP1, Set.of("proj-all", "proj-p1", "file-m1"),
            memberOfP2, Set.of("proj-all", "proj-p2b", "proj-m2", "file-p2"),
            pupil, Set.of("file-p1"),
            otherTenant, Set.of("projB-p1", "fileB-m1"));

    private StreamHarness stream;
    private TestEvents events;
    private final Map<Reader, SseClient> live = new HashMap<>();
    private final Map<Reader, String> startCursors = new HashMap<>();

    @BeforeAll
    void writeTheMatrix(TestKafka kafka) throws Exception {
        stream = new StreamHarness(kafka, Map.of());
        events = stream.events();
        for (Reader reader : readers) {
            SseClient client = SseClient.connect(url(reader, ""), token(reader));
            Frame connected = client.next(WAIT);
            assertEquals("connected", connected.event());
            live.put(reader, client);
            startCursors.put(reader, connected.id());
        }
        events.job(a, "proj-all", List.of());
        events.job(a, "proj-p1", List.of("group:project:p-1"));
        events.job(a, "proj-p2", List.of("group:project:p-2"));
        events.job(a, "proj-p2b", List.of("group:project:p-2"));
        events.job(a, "proj-m2", List.of("user:m-2"));
        events.file(a, "file-m1", List.of("user:m-1"));
        events.file(a, "file-p1", List.of("p-1"));
        events.file(a, "file-class", List.of("group:class:7b"));
        events.file(a, "file-p2", List.of("group:project:p-2"));
        // Written before files were addressed by audience: it reaches nobody now.
        events.file(a, "file-nobody", List.of());
        events.job(b, "projB-p1", List.of("group:project:p-1"));
        events.file(b, "fileB-m1", List.of("user:m-1"));
        events.deleted("proposal.deleted", a, "proj-p2", List.of("group:project:p-2"));
        events.deleted("file.deleted", a, "file-class", List.of("group:class:7b"));
        for (Reader reader : readers) {
            // A last event to each reader on each of its topics: once it has them, it has everything before.
            events.file(reader.tenant(), end(reader, "files"), List.of("user:" + reader.user()));
            if (reader.topics().contains("projects")) {
                events.job(reader.tenant(), end(reader, "projects"), List.of("user:" + reader.user()));
            }
        }
    }

    @AfterAll
    void stop() {
        live.values().forEach(SseClient::close);
        stream.close();
    }

    @Test
    void liveStreamsCarryExactlyTheirEvents() throws Exception {
        for (Reader reader : readers) {
            assertEquals(expected.get(reader), streamed(reader, live.get(reader)), reader.toString());
        }
    }

    @Test
    void streamsResumedFromACursorCarryExactlyTheirEvents() throws Exception {
        for (Reader reader : readers) {
            try (SseClient resumed =
                    SseClient.connect(url(reader, ""), token(reader), "Last-Event-ID", startCursors.get(reader))) {
                assertEquals(expected.get(reader), streamed(reader, resumed), reader.toString());
            }
        }
    }

    @Test
    void ticketStreamsCarryTheGroupsOfTheTokenTheyWereBoughtWith() throws Exception {
        for (Reader reader : readers) {
            String ticket = JSON.readTree(
                            stream.post("/v1/stream/tickets", token(reader)).body())
                    .get("ticket")
                    .asText();
            String query = "&ticket=" + ticket + "&last_event_id=" + startCursors.get(reader);
            try (SseClient client = SseClient.connect(url(reader, query), null)) {
                assertEquals(expected.get(reader), streamed(reader, client), reader.toString());
            }
        }
    }

    @Test
    void pagesCarryExactlyTheirEvents() throws Exception {
        for (Reader reader : readers) {
            HttpResponse<String> page = stream.get(
                    "/v1/events?topics=" + reader.topics() + "&limit=5000&after=" + startCursors.get(reader),
                    token(reader));
            assertEquals(200, page.statusCode(), page.body());
            Set<String> read = new TreeSet<>();
            for (JsonNode item : JSON.readTree(page.body()).get("events")) {
                read.add(label(item.get("event").asText(), item.get("data")));
            }
            read.removeIf(label -> label.startsWith("end-"));
            assertEquals(new TreeSet<>(expected.get(reader)), read, reader.toString());
        }
    }

    @Test
    void snapshotsHoldExactlyTheirRecords() throws Exception {
        for (Reader reader : readers) {
            HttpResponse<String> snapshot = stream.get("/v1/snapshot?topics=" + reader.topics(), token(reader));
            assertEquals(200, snapshot.statusCode(), snapshot.body());
            assertEquals(new TreeSet<>(snapshots.get(reader)), records(snapshot), reader.toString());
        }
    }

    @Test
    void aScopeNarrowsEveryReadPathToOneGroupOfTheToken() throws Exception {
        String scope = "&scope=" + URLEncoder.encode("group:project:p-1", StandardCharsets.UTF_8);
        String token = token(memberOfP1);
        HttpResponse<String> page = stream.get(
                "/v1/events?topics=" + PROJECTS_AND_FILES + scope + "&after=" + startCursors.get(memberOfP1), token);
        assertEquals(List.of("proj-p1"), recordIds(JSON.readTree(page.body()).get("events")));
        HttpResponse<String> snapshot = stream.get("/v1/snapshot?topics=" + PROJECTS_AND_FILES + scope, token);
        assertEquals(Set.of("proj-p1"), records(snapshot));
        // Two scopes of the token: the events of either group.
        String both = token(memberOfBoth);
        String scopes = "&scope=" + URLEncoder.encode("group:project:p-1,group:project:p-2", StandardCharsets.UTF_8);
        assertEquals(
                Set.of("proj-p1", "proj-p2b", "file-p2"),
                records(stream.get("/v1/snapshot?topics=" + PROJECTS_AND_FILES + scopes, both)));
        try (SseClient scoped =
                SseClient.connect(url(memberOfP1, scope + "&last_event_id=" + startCursors.get(memberOfP1)), token)) {
            scoped.next(WAIT);
            assertEquals(
                    "proj-p1",
                    JSON.readTree(scoped.next(WAIT).data()).get("recordId").asText());
        }
    }

    @Test
    void aScopeOutsideTheTokensGroupsIsForbiddenAndAMalformedOneIsRefused() throws Exception {
        String token = token(memberOfP1);
        for (String path : List.of("/v1/stream", "/v1/events", "/v1/snapshot")) {
            assertProblem(stream.get(path + "?topics=projects&scope=group:project:p-2", token), 403, "forbidden-scope");
            // Several scopes: each is checked, one outside the token's groups refuses the read.
            assertProblem(
                    stream.get(path + "?topics=projects&scope=group:project:p-1,group:project:p-2", token),
                    403,
                    "forbidden-scope");
            assertProblem(stream.get(path + "?topics=projects&scope=user:m-1", token), 400, "invalid-scope");
            assertProblem(stream.get(path + "?topics=projects&scope=group:", token), 400, "invalid-scope");
        }
    }

    /** The events a stream delivers until the reader's last event on each topic, as labels. */
    private Set<String> streamed(Reader reader, SseClient client) throws Exception {
        Set<String> read = new TreeSet<>();
        Set<String> ends = new TreeSet<>();
        int wanted = reader.topics().contains("projects") ? 2 : 1;
        while (ends.size() < wanted) {
            Frame frame = client.next(WAIT);
            if (frame.event().equals("connected")) {
                continue;
            }
            String label = label(frame.event(), JSON.readTree(frame.data()));
            if (label.startsWith("end-")) {
                ends.add(label);
            } else {
                read.add(label);
            }
        }
        return read;
    }

    private static String label(String type, JsonNode data) {
        String id = data.get("recordId").asText();
        return type.endsWith(".deleted") ? id + " deleted" : id;
    }

    private static Set<String> records(HttpResponse<String> snapshot) throws Exception {
        Set<String> records = new TreeSet<>();
        for (JsonNode record : JSON.readTree(snapshot.body()).get("records")) {
            records.add(record.get("data").get("recordId").asText());
        }
        records.removeIf(id -> id.startsWith("end-"));
        return records;
    }

    private static List<String> recordIds(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("data").get("recordId").asText()));
        return ids;
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(
                "urn:eventline:problem:" + type,
                JSON.readTree(response.body()).get("type").asText());
    }

    private static String end(Reader reader, String topic) {
        return "end-" + reader.user() + "-" + topic;
    }

    private String url(Reader reader, String query) {
        return stream.url("/v1/stream?topics=" + reader.topics() + query);
    }

    private String token(Reader reader) {
        return stream.token(
                reader.user(), reader.tenant(), reader.groups(), reader.roles().toArray(String[]::new));
    }
}
