package dev.eventline.client;

import java.time.Duration;

/**
 * How an {@link EventlineProducer} batches and retries. Defaults are the named constants.
 *
 * @param maxBatch events per request; at most the emitter's batch limit (500)
 * @param linger how long the first event of a batch waits for others to join it
 * @param maxAttempts requests an event may take part in before it fails
 * @param backoffBase the first retry's delay when the emitter names none (doubled per attempt)
 * @param backoffMax the longest delay between attempts, Retry-After included
 * @param queueCapacity events waiting to be sent; beyond it emits fail at once instead of piling up
 * @param requestTimeout how long one request may take
 */
public record ProducerSettings(
        int maxBatch,
        Duration linger,
        int maxAttempts,
        Duration backoffBase,
        Duration backoffMax,
        int queueCapacity,
        Duration requestTimeout) {

    /** A batch of 100 keeps a request under ~100 KiB for typical events and the emitter's limit of 500. */
    public static final int DEFAULT_MAX_BATCH = 100;
    /** 5 ms adds little to an event's latency and fills batches under load. */
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(5);
    /** With the backoff below, about two minutes of retrying: a broker failover or a deploy. */
    public static final int DEFAULT_MAX_ATTEMPTS = 10;

    public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofMillis(200);
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(30);
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    /** Above the emitter's own Kafka timeout, so its 503 arrives before the client gives up. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** Checks the values. */
    public ProducerSettings {
        if (maxBatch < 1 || maxBatch > 500) {
            throw new IllegalArgumentException("maxBatch must be 1..500 (the emitter's batch limit)");
        }
        if (maxAttempts < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("maxAttempts and queueCapacity must be positive");
        }
    }

    /** The defaults. */
    public static ProducerSettings defaults() {
        return new ProducerSettings(
                DEFAULT_MAX_BATCH,
                DEFAULT_LINGER,
                DEFAULT_MAX_ATTEMPTS,
                DEFAULT_BACKOFF_BASE,
                DEFAULT_BACKOFF_MAX,
                DEFAULT_QUEUE_CAPACITY,
                DEFAULT_REQUEST_TIMEOUT);
    }

    /** These settings with batches of {@code events}. */
    public ProducerSettings withMaxBatch(int events) {
        return new ProducerSettings(
                events, linger, maxAttempts, backoffBase, backoffMax, queueCapacity, requestTimeout);
    }

    /** These settings with the first event of a batch waiting up to {@code linger} for others. */
    public ProducerSettings withLinger(Duration linger) {
        return new ProducerSettings(
                maxBatch, linger, maxAttempts, backoffBase, backoffMax, queueCapacity, requestTimeout);
    }

    /** These settings with {@code attempts} per event and backoff from {@code base} up to {@code max}. */
    public ProducerSettings withRetries(int attempts, Duration base, Duration max) {
        return new ProducerSettings(maxBatch, linger, attempts, base, max, queueCapacity, requestTimeout);
    }
}
