package dev.eventline.stream.subscription;

import dev.eventline.stream.config.StreamSettings;
import dev.eventline.stream.cursor.CursorCodec;
import dev.eventline.stream.metrics.StreamMetrics;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every open subscription of this instance: opens them, drives their heartbeats and expiry, and on
 * shutdown drains: each client gets a {@code shutdown} event with a jittered {@code retry:} and its
 * stream ends, so it reconnects to another instance and resumes from its cursor.
 *
 * <p>The drain is Micronaut's graceful shutdown ({@code micronaut.lifecycle.graceful-shutdown}): it
 * runs when the application context closes (SIGTERM, Ctrl-C), before the HTTP server closes its
 * connections. Streams opened while draining end at once the same way.
 *
 * <p>Heartbeats are spread over their interval ({@link Heartbeats}). Owns the shared worker pool
 * (one thread per core) that runs the drains of subscriptions whose connection has no thread of its
 * own ({@link SseSink#executor()}), and one timer thread. Thread-safe.
 */
@Singleton
public final class Subscriptions implements GracefulShutdownCapable {

    private static final String AUTH_EXPIRED =
            "{\"reason\":\"token-expired\",\"action\":\"refresh the token, then reconnect with the last event id\"}";

    private final StreamSettings settings;
    private final StreamMetrics metrics;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final Heartbeats<Subscription> heartbeats;
    private final SubscriptionRuntime runtime;
    private final Set<Subscription> open = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean draining;

    /** Starts the worker pool and the heartbeat timer. */
    public Subscriptions(StreamLog log, StreamSettings settings, StreamMetrics metrics) {
        this.metrics = metrics;
        this.settings = settings;
        AtomicInteger count = new AtomicInteger();
        this.workers =
                Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                    Thread thread = new Thread(r, "stream-worker-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "stream-timer");
            thread.setDaemon(true);
            return thread;
        });
        this.heartbeats = new Heartbeats<>(settings.getHeartbeat(), timer, Subscription::heartbeat);
        this.runtime = new SubscriptionRuntime(log, new WakeGroups(log), workers, timer, settings, metrics);
    }

    /** Subscriptions open on this instance. */
    public int count() {
        return open.size();
    }

    /**
     * Opens a subscription: sends {@code connected} (with the starting cursor and a jittered retry),
     * then events from {@code start}. Ends the stream with {@code auth-expired} at {@code expiresAt}.
     * Runs {@code onEnd} once when the stream ends, however it ends.
     */
    public Subscription open(StreamSpec spec, SseSink sink, Runnable onEnd) {
        List<String> topics = spec.topics();
        Instant expiresAt = spec.expiresAt();
        String id = UUID.randomUUID().toString();
        Subscription subscription = new Subscription(id, spec, sink, runtime);
        String cursor = CursorCodec.encode(spec.start());
        Duration retry = retry();
        String data = "{\"subscriptionId\":\"" + id + "\",\"topics\":" + jsonArray(topics) + ",\"types\":"
                + jsonArray(spec.eventTypes()) + ",\"cursor\":\"" + cursor
                + "\",\"retryMs\":" + retry.toMillis() + ",\"heartbeatMs\":"
                + settings.getHeartbeat().toMillis() + "}";
        open.add(subscription);
        Runnable stopBeats = heartbeats.join(subscription);
        metrics.connections(topics, 1);
        ScheduledFuture<?> expiry = expiresAt == null
                ? null
                : timer.schedule(
                        () -> subscription.end(SseFrame.event("auth-expired", null, AUTH_EXPIRED)),
                        Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis()),
                        TimeUnit.MILLISECONDS);
        subscription.start(new SseFrame("connected", cursor, data, retry, null), () -> {
            open.remove(subscription);
            stopBeats.run();
            onEnd.run();
            metrics.connections(topics, -1);
            if (expiry != null) {
                expiry.cancel(false);
            }
            if (draining && open.isEmpty()) {
                drained.complete(null);
            }
        });
        if (draining) {
            subscription.end(shutdownFrame());
        }
        return subscription;
    }

    /**
     * Starts the drain: every stream gets {@code shutdown} and ends. Completes when the last one has
     * ended; the caller (Micronaut's graceful shutdown) bounds the wait with its grace period.
     */
    @Override
    public CompletionStage<?> shutdownGracefully() {
        draining = true;
        open.forEach(subscription -> subscription.end(shutdownFrame()));
        if (open.isEmpty()) {
            drained.complete(null);
        }
        return drained;
    }

    @Override
    public OptionalLong reportActiveTasks() {
        return OptionalLong.of(open.size());
    }

    /** Stops the threads; streams still open then (no graceful shutdown) are cut with the server. */
    @PreDestroy
    public void close() {
        timer.shutdownNow();
        workers.shutdown();
    }

    private SseFrame shutdownFrame() {
        Duration retry = retry();
        return new SseFrame(
                "shutdown",
                null,
                "{\"reason\":\"instance-stopping\",\"retryMs\":" + retry.toMillis() + "}",
                retry,
                null);
    }

    private Duration retry() {
        long jitter =
                ThreadLocalRandom.current().nextLong(settings.getRetryJitter().toMillis() + 1);
        return settings.getRetryBase().plusMillis(jitter);
    }

    private static String jsonArray(List<String> names) {
        // Catalog names and types: [a-z0-9_.-] only, nothing to escape.
        if (names.isEmpty()) {
            return "[]";
        }
        return "[\"" + String.join("\",\"", names) + "\"]";
    }
}
