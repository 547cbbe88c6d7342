package dev.eventline.stream.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link SseSink} that keeps what it was sent, with the demand a test gives it: a connection without
 * a network. {@link #grant} raises the demand and calls the demand callback as a connection would;
 * {@link #disconnect} is the client going away. Thread-safe.
 */
public final class RecordingSseSink implements SseSink {

    private final List<SseFrame> frames = new ArrayList<>();
    private final AtomicLong demand;
    private volatile Runnable onDemand = () -> {};
    private volatile Runnable onClose = () -> {};
    private volatile boolean ended;

    /** A sink that can take {@code demand} frames before it is granted more. */
    public RecordingSseSink(long demand) {
        this.demand = new AtomicLong(demand);
    }

    /** Lets the sink take {@code frames} more and tells the subscription. */
    public void grant(long frames) {
        demand.addAndGet(frames);
        onDemand.run();
    }

    /** The client goes away. */
    public void disconnect() {
        onClose.run();
    }

    /** Every frame sent so far, in order. */
    public synchronized List<SseFrame> frames() {
        return List.copyOf(frames);
    }

    /** Whether the response was ended by {@link #sendLast}. */
    public boolean ended() {
        return ended;
    }

    @Override
    public long demand() {
        return demand.get();
    }

    @Override
    public synchronized void send(SseFrame frame) {
        if (demand.getAndDecrement() <= 0) {
            throw new IllegalStateException("sent without demand: " + frame);
        }
        frames.add(frame);
    }

    @Override
    public synchronized void sendLast(SseFrame frame) {
        frames.add(frame);
        ended = true;
    }

    @Override
    public void onDemand(Runnable callback) {
        this.onDemand = callback;
    }

    @Override
    public void onClose(Runnable callback) {
        this.onClose = callback;
    }
}
