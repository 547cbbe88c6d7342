package dev.eventline.stream.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.stream.support.StreamHarness;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestEvents;
import dev.eventline.testkit.kafka.TestKafka;
import dev.eventline.testkit.sse.SseClient;
import dev.eventline.testkit.sse.SseClient.Frame;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clients and servers misbehave; every subscriber still gets each event exactly once, in order.
 * {@code -Deventline.fault.long=true} runs the churn at full size (300 subscribers, 2,000 events).
 */
@ExtendWith(KafkaBrokerExtension.class)
class StreamFaultIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final boolean LONG = Boolean.getBoolean("eventline.fault.long");

    @Test
    void subscribersThatDisconnectAtRandomGetEveryEventOnceInOrder(TestKafka kafka) throws Exception {
        int events = LONG ? 2000 : 300;
        int subscribers = LONG ? 300 : 16;
        String tenant = tenant();
        try (StreamHarness stream = new StreamHarness(kafka, Map.of());
                TestEvents producer = new TestEvents(kafka)) {
            String start;
            try (SseClient probe = SseClient.connect(
                    stream.url("/v1/stream?topics=assignments"), stream.token("probe", tenant, "teacher"))) {
                start = probe.next(WAIT).id();
            }
            ExecutorService pool = Executors.newFixedThreadPool(subscribers + 1);
            try {
                List<Future<List<String>>> results = new ArrayList<>();
                for (int s = 0; s < subscribers; s++) {
                    long seed = s;
                    // One user each: a user may hold only a few streams at once.
                    String token = stream.token("teacher-" + s, tenant, "teacher");
                    results.add(pool.submit(() -> churn(stream, token, start, events, new Random(seed))));
                }
                pool.submit(() -> {
                            for (int i = 0; i < events; i++) {
                                producer.assignment(tenant, "e-" + i, "x");
                            }
                            return null;
                        })
                        .get();
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < events; i++) {
                    expected.add("e-" + i);
                }
                for (Future<List<String>> result : results) {
                    assertEquals(expected, result.get());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static List<String> churn(StreamHarness stream, String token, String start, int total, Random random)
            throws Exception {
        List<String> seen = new ArrayList<>();
        String last = start;
        while (seen.size() < total) {
            try (SseClient client =
                    SseClient.connect(stream.url("/v1/stream?topics=assignments"), token, "Last-Event-ID", last)) {
                client.next(WAIT);
                int take = Math.min(total - seen.size(), 1 + random.nextInt(40));
                for (Frame frame : client.next(take, WAIT)) {
                    seen.add(JSON.readTree(frame.data()).get("recordId").asText());
                    last = frame.id();
                }
            }
        }
        return seen;
    }

    @Test
    void anotherInstanceResumesTheSameCursorExactly(TestKafka kafka) throws Exception {
        String tenant = tenant();
        try (StreamHarness first = new StreamHarness(kafka, Map.of());
                StreamHarness second = new StreamHarness(kafka, first.secret(), Map.of());
                TestEvents producer = new TestEvents(kafka)) {
            String token = first.token("teacher-1", tenant, "teacher");
            String last;
            try (SseClient client = SseClient.connect(first.url("/v1/stream?topics=assignments"), token)) {
                client.next(WAIT);
                producer.assignments(tenant, "m", 10, 10);
                last = client.next(4, WAIT).get(3).id();
            }
            try (SseClient client =
                    SseClient.connect(second.url("/v1/stream?topics=assignments"), token, "Last-Event-ID", last)) {
                client.next(WAIT);
                assertEquals(List.of("m-4", "m-5", "m-6", "m-7", "m-8", "m-9"), recordIds(client.next(6, WAIT)));
            }
        }
    }

    @Test
    void stoppingInstanceSendsShutdownAndClientsResumeElsewhere(TestKafka kafka) throws Exception {
        String tenant = tenant();
        try (StreamHarness first = new StreamHarness(kafka, Map.of());
                StreamHarness second = new StreamHarness(kafka, first.secret(), Map.of());
                TestEvents producer = new TestEvents(kafka)) {
            String token = first.token("teacher-1", tenant, "teacher");
            String last;
            try (SseClient client = SseClient.connect(first.url("/v1/stream?topics=assignments"), token)) {
                client.next(WAIT);
                producer.assignments(tenant, "before", 3, 10);
                last = client.next(3, WAIT).get(2).id();
                first.shutdown();
                Frame bye = client.next(WAIT);
                assertEquals("shutdown", bye.event());
                assertNotNull(bye.retry(), "a jittered retry tells the client when to come back");
                assertTrue(client.awaitEnd(WAIT), "the instance ends the stream");
            }
            producer.assignments(tenant, "after", 2, 10);
            try (SseClient client =
                    SseClient.connect(second.url("/v1/stream?topics=assignments"), token, "Last-Event-ID", last)) {
                client.next(WAIT);
                assertEquals(List.of("after-0", "after-1"), recordIds(client.next(2, WAIT)));
            }
        }
    }

    @Test
    void brokerRestartMidStreamLosesNothing(TestKafka kafka) throws Exception {
        String tenant = tenant();
        try (StreamHarness stream = new StreamHarness(kafka, Map.of());
                SseClient client = SseClient.connect(
                        stream.url("/v1/stream?topics=assignments"), stream.token("teacher-1", tenant, "teacher"))) {
            client.next(WAIT);
            try (TestEvents producer = new TestEvents(kafka)) {
                producer.assignments(tenant, "before", 3, 10);
            }
            assertEquals(List.of("before-0", "before-1", "before-2"), recordIds(client.next(3, WAIT)));
            kafka.stopBroker();
            kafka.startBroker();
            try (TestEvents producer = new TestEvents(kafka)) {
                producer.assignments(tenant, "after", 3, 10);
            }
            assertEquals(List.of("after-0", "after-1", "after-2"), recordIds(client.next(3, Duration.ofSeconds(60))));
        }
    }

    @Test
    void stalledClientIsDroppedWithoutDelayingOthers(TestKafka kafka) throws Exception {
        String tenant = tenant();
        int events = 6000;
        // A short stall timeout and heartbeat so the drop shows within the test's patience.
        Map<String, Object> quick =
                Map.of("eventline.stream.stall-timeout", "1s", "eventline.stream.heartbeat", "300ms");
        try (StreamHarness stream = new StreamHarness(kafka, quick);
                TestEvents producer = new TestEvents(kafka)) {
            String token = stream.token("teacher-1", tenant, "teacher");
            try (Socket stalled = new Socket()) {
                // Connected but never read: a small receive window fills at once, then the server's.
                stalled.setReceiveBufferSize(4096);
                stalled.connect(new InetSocketAddress(
                        "127.0.0.1", URI.create(stream.url("/")).getPort()));
                stalled.getOutputStream()
                        .write(("GET /v1/stream?topics=assignments HTTP/1.1\r\nHost: localhost\r\n"
                                        + "Authorization: Bearer " + token + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                try (SseClient healthy = SseClient.connect(stream.url("/v1/stream?topics=assignments"), token)) {
                    healthy.next(WAIT);
                    producer.assignments(tenant, "s", events, 2000);
                    List<Frame> frames = healthy.next(events, WAIT);
                    assertEquals(
                            "s-" + (events - 1),
                            JSON.readTree(frames.get(events - 1).data())
                                    .get("recordId")
                                    .asText());
                    long deadline = System.nanoTime() + WAIT.toNanos();
                    while (dropped(stream) < 1 && System.nanoTime() < deadline) {
                        Thread.sleep(100);
                    }
                    assertEquals(1, dropped(stream), "the stalled subscriber is dropped");
                }
            }
        }
    }

    private static double dropped(StreamHarness stream) {
        return stream.get("/prometheus", null)
                .body()
                .lines()
                .filter(line -> line.startsWith("eventline_stream_dropped_total "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                .sum();
    }

    private static List<String> recordIds(List<Frame> frames) throws Exception {
        List<String> ids = new ArrayList<>();
        for (Frame frame : frames) {
            ids.add(JSON.readTree(frame.data()).get("recordId").asText());
        }
        return Collections.unmodifiableList(ids);
    }

    private static String tenant() {
        return "tenant-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
