package dev.eventline.stream.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.infra.kafka.junit.KafkaBrokerExtension;
import dev.eventline.infra.kafka.junit.TestKafka;
import dev.eventline.stream.support.SseClient;
import dev.eventline.stream.support.SseClient.Frame;
import dev.eventline.stream.support.StreamHarness;
import dev.eventline.stream.support.TestEvents;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

/** Clients and servers misbehave; every subscriber still gets each event exactly once, in order. */
@ExtendWith(KafkaBrokerExtension.class)
class StreamFaultIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void subscribersThatDisconnectAtRandomGetEveryEventOnceInOrder(TestKafka kafka) throws Exception {
        int events = 300;
        int subscribers = 16;
        String tenant = tenant();
        try (StreamHarness stream = new StreamHarness(kafka, Map.of());
                TestEvents producer = new TestEvents(kafka)) {
            String token = stream.token("teacher-1", tenant, "teacher");
            String start;
            try (SseClient probe = SseClient.connect(stream.url("/v1/stream?topics=assignments"), token)) {
                start = probe.next(WAIT).id();
            }
            ExecutorService pool = Executors.newFixedThreadPool(subscribers + 1);
            try {
                List<Future<List<String>>> results = new ArrayList<>();
                for (int s = 0; s < subscribers; s++) {
                    long seed = s;
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
    void stalledClientDoesNotDelayOthers(TestKafka kafka) throws Exception {
        String tenant = tenant();
        int events = 6000;
        try (StreamHarness stream = new StreamHarness(kafka, Map.of());
                TestEvents producer = new TestEvents(kafka)) {
            String token = stream.token("teacher-1", tenant, "teacher");
            // Connected but never read: its socket buffers fill up while events flow.
            HttpResponse<InputStream> stalled = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(stream.url("/v1/stream?topics=assignments")))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            try (SseClient healthy = SseClient.connect(stream.url("/v1/stream?topics=assignments"), token)) {
                healthy.next(WAIT);
                producer.assignments(tenant, "s", events, 2000);
                List<Frame> frames = healthy.next(events, WAIT);
                assertEquals(
                        "s-" + (events - 1),
                        JSON.readTree(frames.get(events - 1).data())
                                .get("recordId")
                                .asText());
            } finally {
                stalled.body().close();
            }
        }
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
