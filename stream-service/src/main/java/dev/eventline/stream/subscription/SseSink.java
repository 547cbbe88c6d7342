package dev.eventline.stream.subscription;

import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Where a subscription's frames go: the HTTP connection. Demand-driven: the connection says how many
 * frames it can take ({@link #demand()}); a subscription sends no more than that, so nothing piles up
 * in memory for a slow client.
 *
 * <p>{@link #send} and {@link #sendLast} are called by one thread at a time (the subscription's
 * drainer); the callbacks may fire on any thread.
 */
public interface SseSink {

    /** Frames the connection can take now. */
    long demand();

    /** Sends a frame; only when {@link #demand()} is positive. */
    void send(SseFrame frame);

    /** Sends a final frame regardless of demand, then ends the response. */
    void sendLast(SseFrame frame);

    /** Called when the connection asks for more frames. */
    void onDemand(Runnable callback);

    /** Called once when the client goes away. */
    void onClose(Runnable callback);

    /**
     * The thread the subscription should drain on, when the connection has one (its I/O thread: writes
     * then need no hand-off); empty for the shared worker pool.
     */
    default Optional<Executor> executor() {
        return Optional.empty();
    }

    /** Pushes frames sent so far to the client; called after each drain. */
    default void flush() {}
}
