package dev.eventline.stream.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.stream.cursor.PartitionRef;
import dev.eventline.stream.subscription.ReadResult;
import dev.eventline.stream.subscription.StreamLog;
import dev.eventline.stream.support.StreamHarness;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Kafka log port inside the running service, on the real broker. */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaStreamLogIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private StreamHarness stream;
    private StreamLog log;

    @BeforeAll
    void start(TestKafka kafka) {
        stream = new StreamHarness(kafka, Map.of());
        log = stream.bean(StreamLog.class);
        assertTrue(log.awaitReady(WAIT));
    }

    @AfterAll
    void stop() {
        stream.close();
    }

    @Test
    void partitionHandleAnswersAsTheLogDoes() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        RecordMetadata first = stream.events().assignment(tenant, "h-0", "one");
        RecordMetadata second = stream.events().assignment(tenant, "h-1", "two");
        PartitionRef partition = new PartitionRef(first.topic(), first.partition());
        StreamLog.Partition handle = log.partition(partition);

        // Resolved before the tail saw the records: the handle follows the partition as it grows.
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (handle.liveEnd() <= second.offset() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertSame(partition, handle.ref());
        assertEquals(log.liveEnd(partition), handle.liveEnd());
        ReadResult viaHandle =
                handle.read(first.offset(), 10).toCompletableFuture().get(10, TimeUnit.SECONDS);
        ReadResult viaLog =
                log.read(partition, first.offset(), 10).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(viaLog, viaHandle);
        ReadResult.Events events = assertInstanceOf(ReadResult.Events.class, viaHandle);
        assertEquals("h-0", events.events().get(0).recordId());
        assertEquals(second.offset(), events.events().get(1).offset());
    }

    @Test
    void refusesAHandleForAPartitionItDoesNotFollow() {
        assertThrows(IllegalArgumentException.class, () -> log.partition(new PartitionRef("no-such-topic", 0)));
    }
}
