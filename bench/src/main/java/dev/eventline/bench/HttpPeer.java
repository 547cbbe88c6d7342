package dev.eventline.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A peer server of the fan-out benchmark that takes its events by HTTP POST (Nchan, the bare-Netty
 * broadcaster): its process, waiting until it answers, publishing one event at a time, stopping it.
 *
 * <p>{@link #publish} is called from one thread and waits for each answer, so events arrive in order.
 */
final class HttpPeer implements AutoCloseable {

    private final String name;
    private final Process process;
    private final URI publish;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The peer {@code name} running as {@code process}, taking events at {@code publish}. */
    HttpPeer(String name, Process process, URI publish) {
        this.name = name;
        this.process = process;
        this.publish = publish;
    }

    /** Blocks until {@code probe} answers at all; fails if the process dies or {@code timeout} passes. */
    void awaitAnswering(URI probe, Duration timeout, String logs) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + logs);
            }
            try {
                http.send(HttpRequest.newBuilder(probe).build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException(name + " not answering at " + probe + "; see " + logs);
    }

    /** The peer's process id. */
    long pid() {
        return process.pid();
    }

    /** Publishes event {@code sequence} and waits for the peer to accept it. */
    void publish(long sequence) throws IOException, InterruptedException {
        HttpResponse<Void> response = http.send(
                HttpRequest.newBuilder(publish)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(eventJson(sequence)))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(name + " refused a publish: " + response.statusCode());
        }
    }

    /** The JSON the stream service sends for the same event: same fields, same size. */
    private static String eventJson(long sequence) {
        return "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"assignment.created\",\"tenantId\":\"bench\","
                + "\"recordId\":\"s-" + sequence + "\",\"emittedAt\":\""
                + Instant.ofEpochMilli(System.currentTimeMillis())
                + "\",\"emittedBy\":\"benchmark\",\"schemaVersion\":1,\"topic\":\"assignments\",\"payload\":{\"title\":\""
                + FanOutBenchmark.TITLE + "\",\"classId\":\"7b\",\"dueAt\":null,\"status\":\"PUBLISHED\"}}";
    }

    /** Stops the process (SIGTERM, then SIGKILL after 10 s) and waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
