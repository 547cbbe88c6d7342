package dev.eventline.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A producer service as the platform asks them to be: every event carries an {@code Idempotency-Key},
 * and whatever does not come back 201 (a 503, a 502 from the load balancer, a connection cut) is
 * retried with the same key until it does. Sends one event at a time, so acknowledged order is emit
 * order. Records what each attempt answered and when each event was acknowledged.
 *
 * <p>Thread-safe reads of the records; one thread runs {@link #emitUntil}.
 */
final class KeyedProducer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration PACE = Duration.ofMillis(20);

    private final String emitUrl;
    private final String token;
    private final String prefix;
    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    private final List<Long> acknowledgedAtNanos = new CopyOnWriteArrayList<>();
    private final List<Integer> partitions = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> answers = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    KeyedProducer(String emitUrl, String token, String prefix) {
        this.emitUrl = emitUrl;
        this.token = token;
        this.prefix = prefix;
    }

    /** Emits {@code <prefix>-0}, {@code <prefix>-1}, ... until {@link #stop}; each retried until 201. */
    void emitUntilStopped() throws InterruptedException {
        for (int i = 0; running; i++) {
            String recordId = prefix + "-" + i;
            String key = prefix + "-key-" + i;
            while (true) {
                String outcome;
                try {
                    HttpResponse<String> answer = HTTP.send(
                            EmitClient.request(emitUrl, token, EmitClient.assignmentJson(recordId), key),
                            HttpResponse.BodyHandlers.ofString());
                    outcome = String.valueOf(answer.statusCode());
                    if (answer.statusCode() == 201) {
                        JsonNode receipt = JSON.readTree(answer.body());
                        acknowledged.add(recordId);
                        acknowledgedAtNanos.add(System.nanoTime());
                        partitions.add(receipt.get("partition").asInt());
                        answers.merge(outcome, 1, Integer::sum);
                        break;
                    }
                } catch (IOException e) {
                    outcome = "connection: " + e.getClass().getSimpleName();
                }
                answers.merge(outcome, 1, Integer::sum);
                Thread.sleep(200);
            }
            Thread.sleep(PACE.toMillis());
        }
    }

    void stop() {
        running = false;
    }

    /** The record ids answered 201, in order. */
    List<String> acknowledged() {
        return List.copyOf(acknowledged);
    }

    /** How many attempts answered what (status code, or the kind of connection failure). */
    Map<String, Integer> answers() {
        return Map.copyOf(answers);
    }

    /** When the last acknowledgement came ({@link System#nanoTime()}). */
    long lastAcknowledgedAtNanos() {
        return acknowledgedAtNanos.get(acknowledgedAtNanos.size() - 1);
    }

    /** The partition that got most of the acknowledged events so far. */
    int busiestPartition() {
        Map<Integer, Integer> counts = new ConcurrentHashMap<>();
        partitions.forEach(p -> counts.merge(p, 1, Integer::sum));
        return counts.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
    }

    /** The longest time between two acknowledgements after {@code sinceNanos}: the pause producers saw. */
    Duration longestPauseSince(long sinceNanos) {
        long longest = 0;
        long previous = sinceNanos;
        for (long at : acknowledgedAtNanos) {
            if (at > sinceNanos) {
                longest = Math.max(longest, at - previous);
                previous = at;
            }
        }
        return Duration.ofNanos(longest);
    }
}
