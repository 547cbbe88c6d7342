package dev.eventline.stream.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.infra.files.FileTrees;
import dev.eventline.stream.support.StreamHarness;
import dev.eventline.testkit.kafka.BulkEvents;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshot stores across restarts (ADR 0007): a restart with its local state reopens the stores and
 * restores nothing; a fresh node restores them from the changelog, then is ready and serves every
 * record. (That readiness and the status answer 503 while a store restores: {@code SnapshotStatusTest}.)
 */
@ExtendWith(KafkaBrokerExtension.class)
class SnapshotReadinessIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int RECORDS = 30_000;

    @Test
    void aRestartKeepsTheStoreAndAFreshNodeRestoresItUnreadyUntilDone(TestKafka kafka, @TempDir Path state)
            throws Exception {
        String tenant = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> instance = new HashMap<>();
        instance.put("eventline.snapshot.instance-id", "readiness-" + UUID.randomUUID());
        instance.put("eventline.snapshot.state-dir", state.toString());
        String secret;
        try (StreamHarness stream = new StreamHarness(kafka, instance);
                BulkEvents events = new BulkEvents(kafka.bootstrapServers())) {
            secret = stream.secret();
            events.assignments(tenant, "r", RECORDS);
            String teacher = stream.token("teacher-1", tenant, "teacher");
            awaitRecords(stream, teacher);
            awaitStoreHoldsEverything(stream, teacher);
        }

        try (StreamHarness restarted = new StreamHarness(kafka, secret, instance)) {
            String teacher = restarted.token("teacher-1", tenant, "teacher");
            awaitRecords(restarted, teacher);
            JsonNode status =
                    JSON.readTree(restarted.get("/v1/snapshot/status", null).body());
            assertTrue(status.get("restoredRecords").asLong() < RECORDS / 10, "reopened, not restored: " + status);
        }

        FileTrees.deleteContents(state);
        try (StreamHarness fresh = new StreamHarness(kafka, secret, instance)) {
            assertEquals(200, fresh.get("/health/liveness", null).statusCode(), "restoring or not, it is alive");
            long deadline = System.nanoTime() + WAIT.toNanos();
            HttpResponse<String> status;
            while ((status = fresh.get("/v1/snapshot/status", null)).statusCode() != 200) {
                assertTrue(System.nanoTime() < deadline, "never ready: " + status.body());
                Thread.sleep(100);
            }
            JsonNode ready = JSON.readTree(status.body());
            assertTrue(ready.get("ready").asBoolean());
            assertTrue(ready.get("restoredRecords").asLong() >= RECORDS, "restored from the changelog: " + ready);
            assertEquals(100, ready.get("percent").asInt());
            assertEquals(200, fresh.get("/health/readiness", null).statusCode());
            assertEquals(RECORDS, records(fresh, fresh.token("teacher-1", tenant, "teacher")));
        }
    }

    private static void awaitRecords(StreamHarness stream, String token) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (records(stream, token) < RECORDS) {
            assertTrue(System.nanoTime() < deadline, "the store never held every record");
            Thread.sleep(200);
        }
    }

    /** Until a snapshot replays nothing from the log: the store itself has applied every record. */
    private static void awaitStoreHoldsEverything(StreamHarness stream, String token) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        double before;
        do {
            assertTrue(System.nanoTime() < deadline, "the store never caught up with the log");
            Thread.sleep(200);
            before = catchUpEvents(stream);
            records(stream, token);
        } while (catchUpEvents(stream) > before);
    }

    private static double catchUpEvents(StreamHarness stream) {
        return stream.get("/prometheus", null)
                .body()
                .lines()
                .filter(line -> line.startsWith("eventline_snapshot_catch_up_events_total "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                .sum();
    }

    private static int records(StreamHarness stream, String token) throws IOException {
        HttpResponse<String> response = stream.get("/v1/snapshot?topics=assignments", token);
        return response.statusCode() == 200
                ? JSON.readTree(response.body()).get("records").size()
                : -1;
    }
}
