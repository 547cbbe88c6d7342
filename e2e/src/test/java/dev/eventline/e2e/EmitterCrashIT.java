package dev.eventline.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.infra.kafka.FreePorts;
import dev.eventline.infra.stack.ServiceProcess;
import dev.eventline.infra.token.DevTokens;
import dev.eventline.schemas.catalog.TopicCatalog;
import dev.eventline.schemas.kafka.CatalogTopics;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exactly-once emits across crashes (ADR 0006), with the emitter's own jar as child JVMs: emitter A is
 * killed with SIGKILL at a chosen instant of a keyed emit (after its claim, after the event's
 * acknowledgement, in the middle of a batch) or at a random instant under keyed load; the producer
 * retries with the same key on emitter B. Each event is in Kafka exactly once.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmitterCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    // A taken-over claim must be older than the producer's delivery timeout: both shortened for the test.
    private static final Map<String, String> QUICK = Map.of(
            "EVENTLINE_EMITTER_IDEMPOTENCY_SETTLE",
            "6s",
            "JDK_JAVA_OPTIONS",
            "-Dkafka.producers.events.delivery.timeout.ms=4000 -Dkafka.producers.events.request.timeout.ms=2000");

    private String bootstrap;
    private String secret;
    private String tenant;
    private String token;
    private final List<ServiceProcess> processes = new ArrayList<>();
    /** The emitter every retry goes to: one for the class, as a producer's other instance would be. */
    private ServiceProcess other;

    @BeforeAll
    void platformBroker(TestKafka kafka) throws IOException {
        bootstrap = kafka.bootstrapServers();
        CatalogTopics.ensure(bootstrap, TopicCatalog.load(), (short) 1);
        secret = DevTokens.randomSecret();
        other = emitter("emitter-b", Map.of());
        processes.clear();
    }

    @BeforeEach
    void freshTenant() {
        tenant = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
        token = new DevTokens(secret).mint("producer", tenant, List.of("producer"), Duration.ofMinutes(10));
    }

    @AfterEach
    void stopTheDying() {
        processes.forEach(ServiceProcess::stop);
        processes.clear();
    }

    @AfterAll
    void stopTheOther() {
        other.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"after-claim", "after-event-ack"})
    void aRetryOnAnotherEmitterWritesTheEventOnceWhereverTheFirstDied(String crashPoint) throws Exception {
        ServiceProcess dying = emitter("emitter-a-" + crashPoint, Map.of("EVENTLINE_EMITTER_CRASH_POINT", crashPoint));
        String key = UUID.randomUUID().toString();
        String event = EmitClient.assignmentJson("crash-1");

        HTTP.sendAsync(EmitClient.request(dying.url(), token, event, key), HttpResponse.BodyHandlers.discarding());
        killAtCrashPoint(dying);

        HttpResponse<String> retried = retryUntilAnswered(other, event, key);
        assertEquals(201, retried.statusCode(), retried.body());
        boolean eventWasWritten = crashPoint.equals("after-event-ack");
        assertEquals(
                eventWasWritten ? "true" : "",
                retried.headers().firstValue("Idempotent-Replayed").orElse(""),
                "an event already in the log is answered from there");
        List<String> written = eventIdsOfTenant();
        assertEquals(List.of(JSON.readTree(retried.body()).get("eventId").asText()), written);
    }

    @Test
    void killedAtARandomInstantUnderKeyedLoadNoRetryWritesTwice() throws Exception {
        ServiceProcess dying = emitter("emitter-a-load", Map.of());
        Set<String> attempted = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService producers = Executors.newFixedThreadPool(4);
        try {
            for (int t = 0; t < 4; t++) {
                int thread = t;
                producers.submit(() -> {
                    for (int i = 0; running.get(); i++) {
                        String key = "load-" + thread + "-" + i;
                        attempted.add(key);
                        try {
                            HTTP.send(
                                    EmitClient.request(dying.url(), token, EmitClient.assignmentJson(key), key),
                                    HttpResponse.BodyHandlers.discarding());
                        } catch (IOException e) {
                            return null;
                        }
                    }
                    return null;
                });
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (attempted.size() < 200 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            dying.kill();
            running.set(false);
        } finally {
            producers.shutdown();
            producers.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        for (String key : attempted) {
            HttpResponse<String> retried = retryUntilAnswered(other, EmitClient.assignmentJson(key), key);
            assertEquals(201, retried.statusCode(), key + ": " + retried.body());
        }
        List<String> written = eventIdsOfTenant();
        assertEquals(attempted.size(), written.size(), "one event per key");
        assertEquals(written.size(), Set.copyOf(written).size(), "no event id twice");
    }

    private ServiceProcess emitter(String name, Map<String, String> env) throws IOException {
        Path stack = Path.of(System.getProperty("eventline.stack.dir", "target/stack"));
        Path logs = Path.of(System.getProperty("eventline.e2e.artifacts", "target/e2e"));
        ServiceProcess process =
                new ServiceProcess(name, PlatformProcesses.stackJar(stack, "emitter-service"), FreePorts.next(), logs);
        Files.deleteIfExists(process.log());
        Map<String, String> all = new HashMap<>(QUICK);
        all.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        all.put("EVENTLINE_JWT_SECRET", secret);
        all.putAll(env);
        process.start(all);
        processes.add(process);
        String problem = process.awaitHealthy(WAIT);
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        return process;
    }

    private static void killAtCrashPoint(ServiceProcess process) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.readString(process.log(), StandardCharsets.UTF_8).contains("crash point reached")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(process.name() + " never reached its crash point; see " + process.log());
            }
            Thread.sleep(20);
        }
        process.kill();
    }

    /** Retries as a producer does: on 503 (and per-event 503 in a 207) after a pause, until answered. */
    private HttpResponse<String> retryUntilAnswered(ServiceProcess emitter, String body, String key) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            HttpResponse<String> answer = HTTP.send(
                    EmitClient.request(emitter.url(), token, body, key), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 503 && answer.statusCode() != 207 || System.nanoTime() > deadline) {
                return answer;
            }
            Thread.sleep(500);
        }
    }

    /** The event ids of every record of this test's tenant in the assignments topic, in no set order. */
    private List<String> eventIdsOfTenant() {
        return TenantRecords.eventIds(bootstrap, "assignments", tenant, WAIT);
    }
}
