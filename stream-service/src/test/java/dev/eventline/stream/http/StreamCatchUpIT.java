package dev.eventline.stream.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.stream.support.StreamHarness;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestEvents;
import dev.eventline.testkit.kafka.TestKafka;
import dev.eventline.testkit.sse.SseClient;
import dev.eventline.testkit.sse.SseClient.Frame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Catching up over more than one read, with nothing new arriving: the stream must go on reading by
 * itself. Small reads and heartbeats far beyond the test's patience, so neither a new event nor a
 * heartbeat's drain can carry the stream forward.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamCatchUpIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int READ_BATCH = 20;
    private StreamHarness stream;
    private TestEvents events;

    @BeforeAll
    void start(TestKafka kafka) {
        stream = new StreamHarness(
                kafka, Map.of("eventline.stream.read-batch", READ_BATCH, "eventline.stream.heartbeat", "5m"));
        events = stream.events();
    }

    @AfterAll
    void stop() {
        stream.close();
    }

    @Test
    void catchesUpManyReadsOfSmallEventsWithoutNewOnes() throws Exception {
        String tenant = tenant();
        String from = cursorNow(tenant);
        // Small frames: a read's worth never fills the connection, so no demand change follows either.
        events.assignments(tenant, "r", READ_BATCH * 5, 1);

        try (SseClient client = subscribe(tenant, from)) {
            client.next(WAIT);
            List<Frame> frames = client.next(READ_BATCH * 5, WAIT);
            assertEquals("r-0", recordId(frames.get(0)));
            assertEquals("r-" + (READ_BATCH * 5 - 1), recordId(frames.get(frames.size() - 1)));
        }
    }

    @Test
    void catchesUpPastOtherTenantsEventsWithoutNewOnes() throws Exception {
        String tenant = tenant();
        int partition = events.assignment(tenant, "first", "x").partition();
        String neighbour = neighbourOn(partition);
        String from = cursorNow(tenant);
        // Reads that the filter empties entirely: nothing is sent, nothing comes back from the client.
        events.assignments(neighbour, "other", READ_BATCH * 5, 1);
        events.assignment(tenant, "mine", "x");

        try (SseClient client = subscribe(tenant, from)) {
            client.next(WAIT);
            assertEquals("mine", recordId(client.next(WAIT)));
        }
    }

    /** The cursor of a fresh stream: the live end of the tenant's partitions now. */
    private String cursorNow(String tenant) throws Exception {
        try (SseClient client = subscribe(tenant, null)) {
            return client.next(WAIT).id();
        }
    }

    /** Another tenant whose events land on {@code partition} (one probe event each try). */
    private String neighbourOn(int partition) {
        List<String> tried = new ArrayList<>();
        while (tried.size() < 200) {
            String candidate = tenant();
            tried.add(candidate);
            if (events.assignment(candidate, "probe", "x").partition() == partition) {
                return candidate;
            }
        }
        throw new AssertionError("no tenant of " + tried.size() + " hashed to partition " + partition);
    }

    private SseClient subscribe(String tenant, String lastEventId) {
        String token = stream.token("teacher-1", tenant, "teacher");
        String query = lastEventId == null ? "" : "&last_event_id=" + lastEventId;
        return SseClient.connect(stream.url("/v1/stream?topics=assignments" + query), token);
    }

    private static String recordId(Frame frame) throws Exception {
        return JSON.readTree(frame.data()).get("recordId").asText();
    }

    private static String tenant() {
        return "tenant-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
