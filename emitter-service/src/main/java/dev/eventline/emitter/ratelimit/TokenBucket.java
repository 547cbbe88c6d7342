package dev.eventline.emitter.ratelimit;

/**
 * One token bucket: holds up to {@code burst} events, refilled continuously at {@code perSecond}.
 * Starts full. Thread-safe (its methods synchronize on it; each holds it for a few arithmetic steps).
 */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    private final Rate rate;
    private double tokens;
    private long refilledAt;

    TokenBucket(Rate rate, long now) {
        this.rate = rate;
        this.tokens = rate.burst();
        this.refilledAt = now;
    }

    Rate rate() {
        return rate;
    }

    /**
     * Takes {@code events} tokens if the bucket holds them.
     *
     * @return 0 when taken; otherwise the nanoseconds until it will hold them (nothing taken); {@link
     *     Long#MAX_VALUE} when it never will (more than its burst)
     */
    synchronized long take(int events, long now) {
        refill(now);
        if (events > rate.burst()) {
            return Long.MAX_VALUE;
        }
        if (tokens >= events) {
            tokens -= events;
            return 0;
        }
        return (long) Math.ceil((events - tokens) / rate.perSecond() * NANOS_PER_SECOND);
    }

    /** Puts back tokens taken for events that were then refused by another limit. */
    synchronized void giveBack(int events) {
        tokens = Math.min(rate.burst(), tokens + events);
    }

    /** The whole events the bucket holds now. */
    synchronized long remaining(long now) {
        refill(now);
        return (long) Math.floor(tokens);
    }

    /** Whether it is full: nobody used it for a while, so forgetting it changes nothing. */
    synchronized boolean full(long now) {
        refill(now);
        return tokens >= rate.burst();
    }

    private void refill(long now) {
        if (now > refilledAt) {
            tokens = Math.min(rate.burst(), tokens + (now - refilledAt) / NANOS_PER_SECOND * rate.perSecond());
            refilledAt = now;
        }
    }
}
