package dev.eventline.stream.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.eventline.stream.support.StreamHarness;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import dev.eventline.testkit.sse.H2SseLoad;
import dev.eventline.testkit.sse.SseGroup;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HTTP/2 on the plaintext port with prior knowledge (no upgrade, what proxies speak to their backends):
 * many event streams multiplexed on a few connections, each getting every event once, in order.
 */
@ExtendWith(KafkaBrokerExtension.class)
class H2cPriorKnowledgeIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void streamsMultiplexedOnFewConnectionsEachGetEveryEventInOrder(TestKafka kafka) throws Exception {
        String tenant = "t-" + UUID.randomUUID();
        try (StreamHarness stream = new StreamHarness(kafka, Map.of());
                H2SseLoad load = new H2SseLoad("127.0.0.1", stream.port(), 2, 25)) {
            try (SseGroup subscribers = load.open(50, request(stream, tenant), false, WAIT)) {
                assertEquals(50, subscribers.open(), () -> "refused: " + subscribers.failures());
                for (int i = 0; i < 20; i++) {
                    stream.events().assignment(tenant, "s-" + i, "title " + i);
                }
                assertNotNull(subscribers.awaitLast(19, WAIT), "every stream got the last event");
                SseGroup.Delivery delivery = subscribers.check(0, 19);
                assertEquals(new SseGroup.Delivery(50, 50 * 20, 0, 0), delivery);
                assertEquals(50, subscribers.open(), "the streams stay open");
            }
        }
    }

    @Test
    void aDrainingInstanceSaysGoodbyeOnEveryStreamOfASharedConnection(TestKafka kafka) throws Exception {
        String tenant = "t-" + UUID.randomUUID();
        try (StreamHarness stream = new StreamHarness(kafka, Map.of());
                H2SseLoad load = new H2SseLoad("127.0.0.1", stream.port(), 1, 20)) {
            try (SseGroup subscribers = load.open(20, request(stream, tenant), false, WAIT)) {
                assertEquals(20, subscribers.open(), () -> "refused: " + subscribers.failures());
                stream.shutdown();
                assertEquals(20, subscribers.announcedEnds(), "each stream got its `shutdown` event");
                assertEquals(0, subscribers.open(), "and ended");
            }
        }
    }

    /** Subscriber {@code i}'s request: a user each, as one user's streams are limited on any connection. */
    private static IntFunction<String> request(StreamHarness stream, String tenant) {
        return i -> "GET /v1/stream?topics=assignments HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + stream.port() + "\r\n"
                + "Accept: text/event-stream\r\n"
                + "Authorization: Bearer " + stream.token("teacher-" + i, tenant, "teacher") + "\r\n\r\n";
    }
}
