package dev.eventline.testkit.sse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A test SSE client on java.net.http: parses frames as a browser would and queues them. Any number
 * may be open at once from any threads; they share one HTTP client (one connection each). A
 * connection that fails or that the server ends (cleanly or by dying) counts as ended.
 */
public final class SseClient implements AutoCloseable {

    /** HTTP/1.1, as a browser speaks to a plaintext origin (it never tries h2c). */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** One dispatched frame; comment-only frames have {@code comment} set and nothing else. */
    public record Frame(String event, String id, String data, String retry, String comment) {}

    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile Stream<String> lines;
    private final CountDownLatch ended = new CountDownLatch(1);

    private SseClient(HttpClient http, HttpRequest request) {
        response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.whenCompleteAsync((r, failed) -> {
            if (r != null) {
                lines = r.body();
                parse(lines);
            }
            ended.countDown();
        });
    }

    /** Connects over HTTP/1.1 with a bearer token and optional extra headers (name, value, ...). */
    public static SseClient connect(String url, String token, String... headers) {
        return connect(HTTP, url, token, headers);
    }

    /**
     * Connects through {@code http} (its protocol: HTTP/2 over TLS, or h2c by upgrade) with a bearer
     * token and optional extra headers (name, value, ...).
     */
    public static SseClient connect(HttpClient http, String url, String token, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return new SseClient(http, request.build());
    }

    /** The response status and headers (waits for them). */
    public HttpResponse<Stream<String>> response() throws Exception {
        return response.get(30, TimeUnit.SECONDS);
    }

    /** The next frame that is not a heartbeat, or fails after {@code timeout}. */
    public Frame next(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Frame frame = frames.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new AssertionError("no SSE frame within " + timeout + " (" + state() + ")");
            }
            if (frame.event() != null || frame.data() != null) {
                return frame;
            }
        }
    }

    /** The next {@code count} event frames. */
    public List<Frame> next(int count, Duration timeout) throws InterruptedException {
        List<Frame> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            result.add(next(timeout));
        }
        return result;
    }

    /** What a failed wait reports: the response's status, or that none came, and whether it ended. */
    private String state() {
        HttpResponse<Stream<String>> r = response.getNow(null);
        String status = r != null ? "status " + r.statusCode() : "no response yet";
        if (response.isCompletedExceptionally()) {
            try {
                response.join();
            } catch (CompletionException | CancellationException e) {
                status = "request failed: " + e.getCause();
            }
        }
        return status + (ended.getCount() == 0 ? ", ended" : ", open");
    }

    /** Any frame, heartbeats included, or null after {@code timeout}. */
    public Frame poll(Duration timeout) throws InterruptedException {
        return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until the server ends the response; true if it did within {@code timeout}. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void parse(Stream<String> body) {
        String event = null;
        String id = null;
        String retry = null;
        String comment = null;
        StringBuilder data = null;
        try {
            for (String line : (Iterable<String>) body::iterator) {
                if (line.isEmpty()) {
                    if (event != null || data != null || id != null || comment != null || retry != null) {
                        frames.add(new Frame(event, id, data == null ? null : data.toString(), retry, comment));
                    }
                    event = null;
                    id = null;
                    retry = null;
                    comment = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comment = line.substring(1).trim();
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "event" -> event = value;
                        case "id" -> id = value;
                        case "retry" -> retry = value;
                        case "data" ->
                            data = data == null
                                    ? new StringBuilder(value)
                                    : data.append('\n').append(value);
                        default -> {}
                    }
                }
            }
        } catch (RuntimeException closed) {
            // the connection ended
        }
    }

    @Override
    public void close() {
        response.cancel(true);
        Stream<String> body = lines;
        if (body != null) {
            body.close();
        }
    }
}
