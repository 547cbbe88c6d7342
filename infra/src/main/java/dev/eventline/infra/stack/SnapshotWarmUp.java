package dev.eventline.infra.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Waits until a stream-service instance serves snapshots, saying how far its store's restore is while
 * it waits ({@code GET /v1/snapshot/status}): the local stack prints "ready" only when it is.
 */
final class SnapshotWarmUp {

    private static final Duration POLL = Duration.ofSeconds(2);

    private SnapshotWarmUp() {}

    /**
     * Polls until the snapshot status answers 200 (or 404: snapshots are off), reporting progress to
     * {@code say} whenever it changed.
     *
     * @throws IllegalStateException when not ready within {@code timeout}
     */
    static void await(ServiceProcess stream, Duration timeout, Consumer<String> say) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String said = null;
        while (true) {
            HttpResponse<String> status;
            try {
                status = stream.client()
                        .send(
                                HttpRequest.newBuilder(URI.create(stream.url() + "/v1/snapshot/status"))
                                        .timeout(Duration.ofSeconds(3))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for snapshots", e);
            }
            if (status.statusCode() == 200 || status.statusCode() == 404) {
                say.accept(status.statusCode() == 200 ? "snapshots ready" : "snapshots are turned off");
                return;
            }
            String progress = progress(status.body());
            if (!progress.equals(said)) {
                say.accept(progress);
                said = progress;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("snapshots not ready after " + timeout + ": " + progress);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for snapshots", e);
            }
        }
    }

    /** The status body's progress as a sentence (its three numbers read by name). */
    static String progress(String body) {
        long restored = number(body, "restoredRecords");
        long total = number(body, "recordsToRestore");
        return total <= 0
                ? "snapshots warming up (their store is joining Kafka)"
                : String.format(
                        "snapshots warming up: %d%% (%,d of %,d records restored)",
                        number(body, "percent"), restored, total);
    }

    private static long number(String json, String field) {
        Matcher value = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(json);
        return value.find() ? Long.parseLong(value.group(1)) : -1;
    }
}
