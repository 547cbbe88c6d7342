package dev.eventline.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A producer service calling the emit API over HTTP with its bearer token. Answers whatever the
 * emitter answers (the tests decide what is acceptable). Thread-safe; blocks for each answer.
 */
final class EmitClient {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String emitterUrl;
    private final String token;

    EmitClient(String emitterUrl, String token) {
        this.emitterUrl = emitterUrl;
        this.token = token;
    }

    /** The producer's bearer token. */
    String token() {
        return token;
    }

    /** Emits {@code assignment.created} for record {@code recordId} (its title is the id too). */
    HttpResponse<String> assignment(String recordId) throws IOException, InterruptedException {
        return post(assignmentJson(recordId));
    }

    /** Emits one event given as the emit API's JSON. */
    HttpResponse<String> post(String json) throws IOException, InterruptedException {
        return HTTP.send(request(emitterUrl, token, json, null), HttpResponse.BodyHandlers.ofString());
    }

    /** The emit API's JSON of {@code assignment.created} for {@code recordId}, its title the id too. */
    static String assignmentJson(String recordId) {
        return "{\"type\":\"assignment.created\",\"recordId\":\"" + recordId + "\",\"payload\":{\"title\":\"" + recordId
                + "\",\"status\":\"PUBLISHED\"}}";
    }

    /**
     * {@code POST /v1/events} to {@code emitterUrl} with {@code token} and {@code json}, carrying
     * {@code idempotencyKey} unless it is null.
     */
    static HttpRequest request(String emitterUrl, String token, String json, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emitterUrl + "/v1/events"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.build();
    }
}
