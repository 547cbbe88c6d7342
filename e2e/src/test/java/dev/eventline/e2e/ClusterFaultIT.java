package dev.eventline.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.infra.kafka.KafkaCluster;
import dev.eventline.testkit.net.FaultyTcpProxy;
import dev.eventline.testkit.sse.SseClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults on the production shape (3 brokers, replication factor 3, {@code min.insync.replicas} 2; two
 * emitters and two stream instances behind HAProxy; {@link ClusterPlatform}), each while a keyed
 * producer emits through the load balancer and subscribers stream: every acknowledged event reaches
 * every subscriber exactly once, in order, and nothing acknowledged is lost. Each test prints its time
 * to recover ({@code RECOVERY ...}, recorded in docs/faults.md). The tests run in order on one
 * platform, and a fault stays in place where the tests after it do not need the node back (each
 * restart costs a JVM start): their order is part of what they test.
 *
 * <p>{@code -Deventline.fault.long=true} runs each with more subscribers and more events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultIT {

    private static final boolean LONG = Boolean.getBoolean("eventline.fault.long");
    private static final int SUBSCRIBERS = LONG ? 40 : 4;
    private static final int EVENTS_PER_PHASE = LONG ? 1_000 : 40;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String STREAM = "/v1/stream?topics=assignments";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ClusterPlatform platform;
    private final String tenant = "tenant-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(
                ClusterPlatform.available(), "HAProxy is not installed (apt-get install haproxy; .ci/run does)");
        platform = new ClusterPlatform(BatchRetry.CRASH_MID_BATCH);
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(2)
    void theBusiestPartitionsLeaderKilledLosesNothingAcknowledged() throws Exception {
        KafkaCluster kafka = platform.kafka();
        int[] killed = new int[1];
        underFault("leader-kill", List.of(platform.streamUrl()), producer -> {
            killed[0] = kafka.leaderOf("assignments", producer.busiestPartition());
            kafka.broker(killed[0]).kill();
        });
        kafka.broker(killed[0]).start();
        kafka.awaitFullyReplicated("assignments", WAIT);
    }

    @Test
    @Order(3)
    void aBrokerWhoseDiskIsWipedRejoinsAndHoldsTheData() throws Exception {
        KafkaCluster kafka = platform.kafka();
        long started = System.nanoTime();
        underFault("broker-wipe", List.of(platform.streamUrl()), producer -> {
            kafka.broker(2).kill();
            kafka.broker(2).wipe();
            kafka.broker(2).start();
            kafka.awaitFullyReplicated("assignments", WAIT);
            System.out.printf(
                    "RECOVERY broker-wipe: node 2 back in sync on every partition %.1f s after its kill%n",
                    (System.nanoTime() - started) / 1e9);
            // With another node down, every write needs node 2's copy: it holds the data again.
            kafka.broker(3).kill();
        });
        // Node 3 stays down: the tests after this one run on two brokers, still min.insync.replicas.
    }

    @Test
    @Order(4)
    void clientsOfAKilledStreamInstanceResumeThroughTheLoadBalancer() throws Exception {
        underFault("stream-kill", List.of(platform.streamUrl()), producer -> platform.stream(1)
                .kill());
        // Instance 1 stays down: the network test uses instance 2 alone.
    }

    @Test
    @Order(5)
    void slowAndBrokenNetworkToTheBrokersPausesAStreamInstanceWithoutGapOrDuplicate() throws Exception {
        List<FaultyTcpProxy> network = platform.proxies();
        int connectionsBefore =
                network.stream().mapToInt(FaultyTcpProxy::acceptedConnections).sum();
        underFault("network", List.of(platform.stream(2).url()), producer -> {
            network.forEach(proxy -> proxy.latency(Duration.ofMillis(300)));
            Thread.sleep(3000);
            for (int cut = 0; cut < 2; cut++) {
                network.forEach(FaultyTcpProxy::cutConnections);
                Thread.sleep(1000);
            }
            network.forEach(proxy -> proxy.refuse(true));
            Thread.sleep(5000);
            network.forEach(proxy -> {
                proxy.refuse(false);
                proxy.latency(Duration.ZERO);
            });
        });
        int connectionsAfter =
                network.stream().mapToInt(FaultyTcpProxy::acceptedConnections).sum();
        assertTrue(
                connectionsAfter > connectionsBefore, "the instance's Kafka clients reconnected through the proxies");
    }

    @Test
    @Order(0)
    void aBatchCutShortByAnEmittersDeathIsWrittenOnceByItsRetryOnTheOther() throws Exception {
        BatchRetry.Result result =
                new BatchRetry(platform).killFirstEmitterMidBatchThenRetryThroughTheLoadBalancer(500);
        System.out.printf(
                "RECOVERY emitter-kill: %d of 500 events written before the retry; the retry through the load"
                        + " balancer answered %d %.1f s after the kill%n",
                result.writtenBeforeRetry(),
                result.retryStatus(),
                result.recovery().toMillis() / 1000.0);
        assertTrue(result.cutShort(), "the first attempt died before it was answered");
        assertTrue(
                result.writtenBeforeRetry() >= 250 && result.writtenBeforeRetry() < 500,
                "part of the batch was in Kafka when it died: " + result.writtenBeforeRetry());
        assertEquals(201, result.retryStatus());
        assertEquals(
                500,
                result.writtenEventIds().size(),
                "500 records, none twice: " + result.writtenEventIds().size());
        assertEquals(
                result.answeredEventIds(), Set.copyOf(result.writtenEventIds()), "the retry names what Kafka holds");
        // Emitter 1 stays down: HAProxy sends every later emit to emitter 2.
    }

    @Test
    @Order(1)
    void aTicketOpensOneStreamInTheWholeCluster() throws Exception {
        String token = platform.token("ticket-user", tenant, "teacher");
        HttpResponse<String> bought = HTTP.send(
                HttpRequest.newBuilder(URI.create(platform.streamUrl() + "/v1/stream/tickets"))
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, bought.statusCode(), bought.body());
        String ticket = JSON.readTree(bought.body()).get("ticket").asText();

        SseClient first = SseClient.connect(platform.stream(1).url() + STREAM + "&ticket=" + ticket, null);
        SseClient second = SseClient.connect(platform.stream(2).url() + STREAM + "&ticket=" + ticket, null);
        try {
            assertEquals(200, first.response().statusCode(), "first use, at instance 1");
            assertEquals(401, second.response().statusCode(), "second use, at instance 2");
        } finally {
            first.close();
            second.close();
        }
    }

    /**
     * Subscribers of {@code instances} and a keyed producer through the load balancer: {@code fault}
     * runs once {@value #EVENTS_PER_PHASE} events are acknowledged, the producer stops after as many
     * more, and then every subscriber must hold exactly the acknowledged events, in order.
     */
    private void underFault(String name, List<String> instances, Fault fault) throws Exception {
        String prefix = name + "-" + UUID.randomUUID().toString().substring(0, 4);
        KeyedProducer producer =
                new KeyedProducer(platform.emitUrl(), platform.token("producer", tenant, "producer"), prefix);
        List<ResumingSubscriber> subscribers = new ArrayList<>();
        for (int s = 0; s < SUBSCRIBERS; s++) {
            String token = platform.token(name + "-reader-" + s, tenant, "teacher");
            subscribers.add(new ResumingSubscriber(instances, STREAM, token).connect(WAIT));
        }
        ExecutorService pool = Executors.newFixedThreadPool(1 + SUBSCRIBERS);
        try {
            Future<?> emitting = pool.submit(() -> {
                producer.emitUntilStopped();
                return null;
            });
            Await.until(() -> producer.acknowledged().size() >= EVENTS_PER_PHASE, "events before the fault", WAIT);
            long faultAt = System.nanoTime();
            fault.inject(producer);
            int before = producer.acknowledged().size();
            Await.until(
                    () -> producer.acknowledged().size() >= before + EVENTS_PER_PHASE, "events after the fault", WAIT);
            producer.stop();
            emitting.get();
            List<String> acknowledged = producer.acknowledged();
            String last = acknowledged.get(acknowledged.size() - 1);
            List<Future<List<String>>> received = new ArrayList<>();
            for (ResumingSubscriber subscriber : subscribers) {
                received.add(pool.submit(() -> subscriber.awaitUntil(ids -> ids.contains(last), WAIT)));
            }
            for (int s = 0; s < SUBSCRIBERS; s++) {
                List<String> ids = received.get(s).get().stream()
                        .filter(id -> id.startsWith(prefix + "-"))
                        .toList();
                assertEquals(acknowledged, ids, "subscriber " + s + ": every acknowledged event once, in order");
            }
            System.out.printf(
                    "RECOVERY %s: longest pause between acknowledged emits %.1f s; subscribers complete %.1f s"
                            + " after the last; attempts %s; reconnects %s%n",
                    name,
                    producer.longestPauseSince(faultAt).toMillis() / 1000.0,
                    (System.nanoTime() - producer.lastAcknowledgedAtNanos()) / 1e9,
                    producer.answers(),
                    subscribers.stream().map(ResumingSubscriber::reconnects).toList());
            assertTrue(
                    producer.answers().keySet().stream().noneMatch(a -> a.startsWith("4")),
                    producer.answers().toString());
        } finally {
            producer.stop();
            pool.shutdownNow();
            subscribers.forEach(ResumingSubscriber::close);
        }
    }

    /** A fault to inject while events flow. */
    private interface Fault {
        void inject(KeyedProducer producer) throws Exception;
    }
}
