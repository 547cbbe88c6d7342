package dev.eventline.testkit.sse;

import java.io.IOException;
import java.time.Duration;
import java.util.function.IntFunction;

/**
 * A generator of SSE subscribers against one server, over one protocol: HTTP/1.1 connections
 * ({@link SseLoad}) or HTTP/2 streams multiplexed on a few connections ({@link H2SseLoad}). Every
 * event delivered is checked the same way ({@link SseConnection}).
 *
 * <p>Threading: all methods may be called from any thread. Closing closes every subscriber.
 */
public interface SubscriberLoad extends AutoCloseable {

    /**
     * Opens {@code count} subscribers; subscriber {@code i} asks with {@code request.apply(i)}, a whole
     * HTTP/1.1 request (HTTP/2 generators send its method, target and headers). Returns once every one
     * has its response head or failed, or after {@code timeout}.
     */
    SseGroup open(int count, IntFunction<String> request, boolean keepIds, Duration timeout)
            throws IOException, InterruptedException;

    /** The latencies every subscriber recorded since the last {@link #clearLatencies()}. */
    Latencies latencies();

    /** Forgets the latencies recorded so far. */
    void clearLatencies();

    @Override
    void close();
}
