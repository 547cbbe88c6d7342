package dev.eventline.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * {@link EmitTransport} in memory, for unit tests: answers each request with the next scripted
 * answer (computed from the request's body) and keeps every body it was sent. With the script used
 * up, every request is answered 201 for all its events. Thread-safe.
 */
final class ScriptedTransport implements EmitTransport {

    private final Deque<Function<String, CompletableFuture<Answer>>> script = new ArrayDeque<>();
    private final List<String> bodies = new ArrayList<>();

    /** Answers the next request with {@code answer}. */
    synchronized ScriptedTransport then(Function<String, CompletableFuture<Answer>> answer) {
        script.add(answer);
        return this;
    }

    /** Answers the next request with {@code status}, Retry-After {@code retryAfter} and {@code body}. */
    ScriptedTransport then(int status, long retryAfter, String body) {
        return then(request -> CompletableFuture.completedFuture(new Answer(status, retryAfter, body)));
    }

    /** Gives the next request no answer at all. */
    ScriptedTransport thenNoAnswer() {
        return then(request -> CompletableFuture.failedFuture(new java.io.IOException("connection reset")));
    }

    synchronized List<String> bodies() {
        return List.copyOf(bodies);
    }

    @Override
    public synchronized CompletableFuture<Answer> post(String batchJson) {
        bodies.add(batchJson);
        Function<String, CompletableFuture<Answer>> next = script.poll();
        return next != null ? next.apply(batchJson) : CompletableFuture.completedFuture(allWritten(batchJson));
    }

    /** 201 with a receipt per event of {@code batchJson}, at offsets 0, 1, ... */
    static Answer allWritten(String batchJson) {
        int events = EmitRequests.parse(batchJson).size();
        StringBuilder results = new StringBuilder();
        for (int i = 0; i < events; i++) {
            results.append(i == 0 ? "" : ",").append(written(i));
        }
        return new Answer(201, -1, "{\"results\":[" + results + "]}");
    }

    /** A batch result entry for event {@code index}, written. */
    static String written(int index) {
        return "{\"index\":" + index + ",\"status\":201,\"type\":\"assignment.created\",\"topic\":\"assignments\","
                + "\"partition\":0,\"offset\":" + index + "}";
    }

    /** A batch result entry for event {@code index}, not written with {@code status}. */
    static String refused(int index, int status, String slug) {
        return "{\"index\":" + index + ",\"status\":" + status + ",\"problem\":{\"type\":\"urn:eventline:problem:"
                + slug + "\",\"status\":" + status + ",\"detail\":\"" + slug + "\"}}";
    }
}
