package dev.eventline.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eventline.infra.kafka.FreePorts;
import dev.eventline.infra.token.DevTokens;
import dev.eventline.schemas.catalog.TopicCatalog;
import dev.eventline.schemas.kafka.CatalogTopics;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The platform's own processes on a single broker while producers emit and subscribers stream: the
 * broker restarts, so emits answer 503 for a while. Whatever the emitter acknowledged reaches every
 * subscriber exactly once, in order; nothing is acknowledged and then lost. The same faults on a
 * replicated cluster behind a load balancer are {@link ClusterFaultIT}'s.
 */
@ExtendWith(KafkaBrokerExtension.class)
class PlatformFaultIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String STREAM = "/v1/stream?topics=assignments";

    private String bootstrap;
    private String secret;
    private DevTokens tokens;
    private String tenant;

    @BeforeEach
    void platformBroker(TestKafka kafka) {
        bootstrap = kafka.bootstrapServers();
        CatalogTopics.ensure(bootstrap, TopicCatalog.load(), (short) 1);
        secret = DevTokens.randomSecret();
        tokens = new DevTokens(secret);
        tenant = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void brokerRestartWhileEmittingAndStreamingLosesNothingAcknowledged(TestKafka kafka) throws Exception {
        int subscribers = 5;
        // The emitter's defaults answer 503 only after 15 s of outage; shorter bounds keep the test short.
        Map<String, String> quickFailure = Map.of(
                "JDK_JAVA_OPTIONS",
                "-Dkafka.producers.events.max.block.ms=2000 -Dkafka.producers.events.request.timeout.ms=1500"
                        + " -Dkafka.producers.events.delivery.timeout.ms=4000");
        try (PlatformProcesses platform = new PlatformProcesses(bootstrap, secret, FreePorts.next(), quickFailure)) {
            List<ResumingSubscriber> subscribed = subscribe(List.of(platform.streamUrl()), subscribers);
            EmitClient producer = producer(platform);
            List<String> acknowledged = new CopyOnWriteArrayList<>();
            Map<Integer, Integer> answers = new ConcurrentHashMap<>();
            AtomicBoolean emitting = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(1 + subscribers);
            try {
                Future<?> emitted = pool.submit(() -> {
                    for (int i = 0; emitting.get(); i++) {
                        HttpResponse<String> answer = producer.assignment("b-" + i);
                        answers.merge(answer.statusCode(), 1, Integer::sum);
                        if (answer.statusCode() == 201) {
                            acknowledged.add("b-" + i);
                        }
                        Thread.sleep(20);
                    }
                    return null;
                });
                Await.until(() -> acknowledged.size() >= 50, "50 events acknowledged before the outage", WAIT);
                kafka.stopBroker();
                try {
                    Await.until(() -> answers.containsKey(503), "a 503 while the broker is down", WAIT);
                } finally {
                    kafka.startBroker();
                }
                int before = acknowledged.size();
                Await.until(() -> acknowledged.size() >= before + 50, "50 events acknowledged after the restart", WAIT);
                emitting.set(false);
                emitted.get();
                assertEquals(Set.of(201, 503), answers.keySet(), "only 201 or 503: " + answers);

                String last = acknowledged.get(acknowledged.size() - 1);
                List<Future<List<String>>> received = new ArrayList<>();
                for (ResumingSubscriber subscriber : subscribed) {
                    received.add(pool.submit(() -> subscriber.awaitUntil(ids -> ids.contains(last), WAIT)));
                }
                for (int s = 0; s < subscribers; s++) {
                    List<String> ids = received.get(s).get();
                    assertEquals(ids.size(), new HashSet<>(ids).size(), "subscriber " + s + " got no duplicate");
                    // 503 means "not known to be written": such events may or may not be there.
                    List<String> acknowledgedSeen = new ArrayList<>(ids);
                    acknowledgedSeen.retainAll(new HashSet<>(acknowledged));
                    assertEquals(acknowledged, acknowledgedSeen, "subscriber " + s + " got every acknowledged event");
                }
            } finally {
                emitting.set(false);
                pool.shutdownNow();
                subscribed.forEach(ResumingSubscriber::close);
            }
        }
    }

    private List<ResumingSubscriber> subscribe(List<String> instances, int count) throws InterruptedException {
        List<ResumingSubscriber> subscribed = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            // One user each: a user may hold only a few streams at once.
            String token = tokens.mint("teacher-" + s, tenant, List.of("teacher"), Duration.ofMinutes(10));
            subscribed.add(new ResumingSubscriber(instances, STREAM, token).connect(WAIT));
        }
        return subscribed;
    }

    private EmitClient producer(PlatformProcesses platform) {
        return new EmitClient(
                platform.emitterUrl(), tokens.mint("producer", tenant, List.of("producer"), Duration.ofMinutes(10)));
    }
}
