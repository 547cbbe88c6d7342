package dev.eventline.stream.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.envelope.Audience;
import dev.eventline.stream.config.StreamSettings;
import dev.eventline.stream.cursor.CursorCodec;
import dev.eventline.stream.cursor.PartitionRef;
import dev.eventline.stream.cursor.StreamCursor;
import dev.eventline.stream.metrics.StreamMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A subscription's life against the log and a connection in memory: announced, fed in order as the
 * connection asks, woken by appends, ended by the client, by a drain, or at once when opened during one.
 */
class SubscriptionsTest {

    private static final PartitionRef P0 = new PartitionRef("assignments", 0);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final InMemoryStreamLog log = new InMemoryStreamLog(Map.of("assignments", 1));
    private final Subscriptions subscriptions = new Subscriptions(
            log, new StreamSettings(), new StreamMetrics(new SimpleMeterRegistry(), EventSchemas.load()));

    @AfterEach
    void close() {
        subscriptions.close();
    }

    @Test
    void aStreamIsAnnouncedThenFedInOrderAsTheConnectionAsks() throws Exception {
        log.append(P0, "assignment.created", "t-1", "a-0", List.of(), 0);
        log.append(P0, "assignment.created", "t-2", "b-0", List.of(), 0);
        log.append(P0, "assignment.created", "t-1", "a-1", List.of(), 0);
        RecordingSseSink sink = new RecordingSseSink(2);
        subscriptions.open(spec(0), sink, () -> {});

        await(() -> sink.frames().size() == 2);
        assertEquals("connected", sink.frames().get(0).event());
        assertEquals(CursorCodec.encode(cursorAt(0)), sink.frames().get(0).id());
        assertEquals("a-0", recordOf(sink.frames().get(1)), "one frame of demand left after connected");

        sink.grant(5);
        await(() -> sink.frames().size() == 3);
        assertEquals("a-1", recordOf(sink.frames().get(2)), "t-2's event skipped");
        assertEquals(CursorCodec.encode(cursorAt(3)), sink.frames().get(2).id());

        log.append(P0, "assignment.updated", "t-1", "a-0", List.of(), 0);
        await(() -> sink.frames().size() == 4);
        assertEquals("assignment.updated", sink.frames().get(3).event(), "an append wakes the stream");
    }

    @Test
    void theClientGoingAwayEndsTheSubscription() throws Exception {
        CountDownLatch ended = new CountDownLatch(1);
        RecordingSseSink sink = new RecordingSseSink(10);
        subscriptions.open(spec(0), sink, ended::countDown);
        await(() -> subscriptions.count() == 1);
        sink.disconnect();
        assertTrue(ended.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(0, subscriptions.count());
    }

    @Test
    void aDrainSaysGoodbyeToEveryStreamAndToStreamsOpenedDuringIt() throws Exception {
        RecordingSseSink before = new RecordingSseSink(10);
        subscriptions.open(spec(0), before, () -> {});
        await(() -> !before.frames().isEmpty());
        subscriptions.shutdownGracefully().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(before.ended());
        assertEquals("shutdown", last(before).event());
        assertTrue(last(before).retry().toMillis() > 0, "with a retry for the reconnect elsewhere");

        RecordingSseSink late = new RecordingSseSink(10);
        subscriptions.open(spec(0), late, () -> {});
        await(late::ended);
        assertEquals("shutdown", last(late).event());
    }

    private static StreamSpec spec(long from) {
        EventFilter filter = new EventFilter(
                new Recipient("t-1", Audience.entriesOf("teacher-1", Set.of()), Set.of()), Set.of(), List.of(), null);
        return new StreamSpec(
                List.of(P0),
                List.of("assignments"),
                List.of("assignment.created", "assignment.updated"),
                cursorAt(from),
                filter,
                null,
                false,
                Map.of());
    }

    private static StreamCursor cursorAt(long next) {
        return new StreamCursor(Map.of(P0, next));
    }

    private static String recordOf(SseFrame frame) {
        return frame.data().replaceAll(".*\"recordId\":\"([^\"]+)\".*", "$1");
    }

    private static SseFrame last(RecordingSseSink sink) {
        List<SseFrame> frames = sink.frames();
        return frames.get(frames.size() - 1);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT);
            }
            Thread.sleep(5);
        }
    }
}
