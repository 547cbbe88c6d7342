package dev.eventline.stream.subscription;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces the heartbeats of all subscriptions over the interval instead of beating them all at once.
 * Members are dealt round-robin into slots, one slot per {@link #TICK} of the interval (at most
 * {@link #MAX_SLOTS}); each tick beats one slot. Every member is still beaten once per interval, at a
 * fixed phase of its own.
 *
 * <p>Why: with ten thousand streams beaten in the same instant, the event loops had ten thousand
 * drains and writes to do at once, and whichever event was being fanned out then reached its
 * subscribers that much later (the tail of the fan-out latency).
 *
 * <p>Thread-safe: members join and leave from any thread; beats run on the timer's thread.
 */
final class Heartbeats<T> {

    /** How often a slot is beaten, for intervals long enough to be split. */
    static final Duration TICK = Duration.ofSeconds(1);

    /** Upper bound of slots, so a long interval does not mean a sparse ring of tiny slots. */
    static final int MAX_SLOTS = 60;

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeats.class);

    private final List<Set<T>> slots;
    private final AtomicInteger dealt = new AtomicInteger();
    private final Consumer<T> beat;
    // Only the timer's thread (a single-threaded scheduler) touches it.
    private int next;

    /** Beats each member with {@code beat} once per {@code interval}, spread over the interval. */
    Heartbeats(Duration interval, ScheduledExecutorService timer, Consumer<T> beat) {
        this.beat = beat;
        int count = slots(interval);
        this.slots = IntStream.range(0, count)
                .<Set<T>>mapToObj(i -> ConcurrentHashMap.newKeySet())
                .toList();
        long period = interval.toNanos() / count;
        timer.scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
    }

    /** Slots an interval is split into: one per whole tick, at least one, at most {@link #MAX_SLOTS}. */
    static int slots(Duration interval) {
        return (int) Math.max(1, Math.min(MAX_SLOTS, interval.toMillis() / TICK.toMillis()));
    }

    /** Starts beating {@code member}; returns what stops it. */
    Runnable join(T member) {
        Set<T> slot = slots.get(Math.floorMod(dealt.getAndIncrement(), slots.size()));
        slot.add(member);
        return () -> slot.remove(member);
    }

    private void tick() {
        Set<T> slot = slots.get(next);
        next = (next + 1) % slots.size();
        for (T member : slot) {
            try {
                beat.accept(member);
            } catch (RuntimeException e) {
                // A scheduled task that throws is never run again: one member must not stop all beats.
                LOG.warn("a heartbeat failed", e);
            }
        }
    }
}
