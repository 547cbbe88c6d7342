package dev.eventline.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.testkit.sse.SseClient;
import dev.eventline.testkit.sse.SseClient.Frame;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One subscriber that follows its stream across failures as a browser client does: whenever its
 * stream ends (the instance died, refused, or closed it), it reconnects to the next instance in turn
 * with the last {@code id:} it saw as {@code Last-Event-ID}. Collects the {@code recordId} of every
 * event it receives, in order, duplicates included, so a test can see exactly what arrived.
 *
 * <p>Not thread-safe: one thread calls {@link #connect} and then {@link #awaitUntil}; blocking.
 */
final class ResumingSubscriber implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CONTROL_EVENTS =
            Set.of("connected", "reset", "auth-expired", "dropped", "shutdown", "heartbeat");
    // Like a browser's retry delay, shortened: a dead instance refuses at once, no need to spin on it.
    private static final Duration RECONNECT_PAUSE = Duration.ofMillis(200);
    private static final Duration POLL = Duration.ofMillis(200);

    private final List<String> instances;
    private final String path;
    private final String token;
    private final List<String> recordIds = new ArrayList<>();
    private SseClient client;
    private String lastId;
    private int instance;
    private int reconnects;

    /** A subscriber of {@code path} (with its query) on the first of {@code instances} (base URLs). */
    ResumingSubscriber(List<String> instances, String path, String token) {
        this.instances = List.copyOf(instances);
        this.path = path;
        this.token = token;
    }

    /** Opens the first stream and waits for its {@code connected} frame: from then on nothing is missed. */
    ResumingSubscriber connect(Duration timeout) throws InterruptedException {
        client = SseClient.connect(instances.get(0) + path, token);
        Frame connected = client.next(timeout);
        if (!"connected".equals(connected.event())) {
            throw new AssertionError("expected the connected frame first, got " + connected);
        }
        lastId = connected.id();
        return this;
    }

    /** Reads, resuming as often as needed, until {@code done} holds for the record ids so far. */
    List<String> awaitUntil(Predicate<List<String>> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(recordIds)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not done after " + timeout + ": " + recordIds.size() + " events, "
                        + reconnects + " reconnects, last id " + lastId);
            }
            Frame frame = client.poll(POLL);
            if (frame != null) {
                take(frame);
            } else if (client.awaitEnd(Duration.ZERO)) {
                // The parser queues every frame before it reports the end, so these are the last ones.
                for (Frame rest = client.poll(Duration.ZERO); rest != null; rest = client.poll(Duration.ZERO)) {
                    take(rest);
                }
                client.close();
                Thread.sleep(RECONNECT_PAUSE.toMillis());
                instance = (instance + 1) % instances.size();
                reconnects++;
                client = SseClient.connect(instances.get(instance) + path, token, "Last-Event-ID", lastId);
            }
        }
        return List.copyOf(recordIds);
    }

    /** How many times the stream was opened again. */
    int reconnects() {
        return reconnects;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }

    private void take(Frame frame) throws IOException {
        if (frame.event() != null && frame.data() != null && !CONTROL_EVENTS.contains(frame.event())) {
            recordIds.add(JSON.readTree(frame.data()).get("recordId").asText());
        }
        if (frame.id() != null) {
            lastId = frame.id();
        }
    }
}
