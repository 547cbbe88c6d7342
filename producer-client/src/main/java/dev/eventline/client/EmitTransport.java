package dev.eventline.client;

import java.util.concurrent.CompletableFuture;

/**
 * The client's one port to the emitter: {@code POST /v1/events} with a JSON array, answered with its
 * status, Retry-After and body. {@link HttpEmitTransport} is the real one; tests script answers.
 *
 * <p>Implementations are thread-safe and never block the caller; the future completes exceptionally
 * only when no answer came (connection refused, timeout).
 */
public interface EmitTransport {

    /** Sends {@code batchJson} (a JSON array of emit requests). */
    CompletableFuture<Answer> post(String batchJson);

    /**
     * The emitter's answer.
     *
     * @param status the HTTP status
     * @param retryAfterSeconds the Retry-After header in seconds, or -1 when absent
     * @param quota on a 429, the events the limit allows at once (the {@code q} of the IETF {@code
     *     RateLimit-Policy} header), or -1 when absent
     * @param body the response body
     */
    record Answer(int status, long retryAfterSeconds, int quota, String body) {

        /** An answer without a quota. */
        public Answer(int status, long retryAfterSeconds, String body) {
            this(status, retryAfterSeconds, -1, body);
        }
    }
}
