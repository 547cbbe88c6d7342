package dev.eventline.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link EmitTransport} over the JDK's HTTP client: bearer token from the supplier on every request
 * (so a rotated token is used at once), HTTP/2 where the emitter speaks it.
 */
public final class HttpEmitTransport implements EmitTransport {

    private static final Pattern QUOTA = Pattern.compile(";\\s*q=(\\d{1,9})");

    private final HttpClient http;
    private final URI events;
    private final Supplier<String> token;
    private final Duration timeout;

    /** Sends to {@code emitter}'s {@code /v1/events}, each request allowed {@code timeout}. */
    public HttpEmitTransport(URI emitter, Supplier<String> token, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.events = emitter.resolve("/v1/events");
        this.token = token;
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<Answer> post(String batchJson) {
        HttpRequest request = HttpRequest.newBuilder(events)
                .timeout(timeout)
                .header("Authorization", "Bearer " + token.get())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(batchJson))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Answer(
                        response.statusCode(),
                        response.headers()
                                .firstValue("Retry-After")
                                .map(HttpEmitTransport::seconds)
                                .orElse(-1L),
                        response.headers()
                                .firstValue("RateLimit-Policy")
                                .map(HttpEmitTransport::quota)
                                .orElse(-1),
                        response.body()));
    }

    /** The {@code q} parameter of a RateLimit-Policy item ({@code "producer";q=10;w=1}), or -1. */
    static int quota(String policy) {
        Matcher q = QUOTA.matcher(policy);
        return q.find() ? Integer.parseInt(q.group(1)) : -1;
    }

    /** Retry-After in seconds; the HTTP-date form, which the emitter never sends, counts as absent. */
    private static long seconds(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
