package dev.eventline.stream.subscription;

import dev.eventline.stream.config.StreamSettings;
import dev.eventline.stream.cursor.CursorCodec;
import dev.eventline.stream.cursor.PartitionRef;
import dev.eventline.stream.cursor.StreamCursor;
import dev.eventline.stream.metrics.StreamMetrics;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One client's stream: pulls its partitions from the {@link StreamLog} by offset, filters, and sends
 * frames with the cursor after each event as id.
 *
 * <p>Threading: all reading, filtering and sending happens in {@link #drain()}, which runs on the
 * subscription's executor (its connection's event loop, or the shared workers) and never on two
 * threads at once ({@code work} counter): frames leave in order and the cursor needs no lock. Anything
 * that wants attention (demand, a finished read, a heartbeat, expiry, shutdown) calls
 * {@link #schedule()}; new records arrive through {@link WakeGroups}, which drains on the executor
 * and names the partition that grew: such a drain reads only that partition, because every other
 * reason to read (demand, a finished read, a retry, more left after a full batch) schedules a drain
 * of all of them.
 *
 * <p>Heartbeats: a heartbeat goes out only when the stream has sent nothing for half the interval, so
 * a stream that carries events writes no heartbeats and no stream is silent for longer than one and a
 * half intervals.
 *
 * <p>Memory: nothing is buffered per subscriber. A slow client's position stays in its cursor and the
 * events stay in the log; a client that takes nothing for the stall timeout while events wait is
 * dropped with a final {@code dropped} event.
 */
public final class Subscription implements WakeGroups.Member {

    private static final Duration RETRY_DELAY = Duration.ofMillis(500);
    // Fields of this object rather than atomics beside it: at ten thousand subscribers every wake-up
    // of every subscriber would otherwise load two more objects that are rarely still in the cache.
    private static final AtomicIntegerFieldUpdater<Subscription> WORK =
            AtomicIntegerFieldUpdater.newUpdater(Subscription.class, "work");
    private static final AtomicIntegerFieldUpdater<Subscription> HEARTBEAT_DUE =
            AtomicIntegerFieldUpdater.newUpdater(Subscription.class, "heartbeatDue");

    private final String id;
    private final List<PartitionRef> partitions;
    // The same partitions, resolved once: each delivery asks for the live end and reads.
    private final StreamLog.Partition[] logs;
    private final EventFilter filter;
    private final Conflation conflation;
    private final WakeGroups wakeups;
    private final SseSink sink;
    private final Executor executor;
    private final ScheduledExecutorService timer;
    private final int batch;
    private final Duration stallTimeout;
    private final SseFrame heartbeat;
    private final long quietNanos;
    private final StreamMetrics metrics;
    private final PendingReads reads = new PendingReads();
    // Drains asked for and not yet run; the drain that takes it from 0 runs until it is back at 0.
    private volatile int work;
    // 1 when a heartbeat check is due at the next drain.
    private volatile int heartbeatDue;
    private volatile SseFrame ending;
    private volatile SseFrame pending;
    private volatile boolean closed;
    private final Runnable wake = this::schedule;
    private final Runnable drainTask = this::drain;
    private final ReadApplier.Target target = new ReadApplier.Target() {
        @Override
        public boolean full() {
            return sink.demand() <= 0;
        }

        @Override
        public void event(SseFrame frame, LogEvent event) {
            send(frame);
            metrics.delivered(event.emittedAt());
        }

        @Override
        public void reset(SseFrame frame) {
            metrics.reset();
            send(frame);
        }

        @Override
        public void hold(PartitionRef partition, long nanos) {
            reads.retryLater(partition, nanos);
            timer.schedule(wake, nanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void conflated() {
            metrics.conflated();
        }
    };
    private StreamCursor cursor;
    private int nextPartition;
    // A read left its partition behind its live end with room to send: drain again, after a yield.
    private boolean more;
    private long stalledSince;
    private long lastSent;
    private Runnable onEnd = () -> {};

    Subscription(String id, StreamSpec spec, SseSink sink, SubscriptionRuntime runtime) {
        StreamSettings settings = runtime.settings();
        this.id = id;
        this.partitions = spec.partitions();
        this.logs = this.partitions.stream().map(runtime.log()::partition).toArray(StreamLog.Partition[]::new);
        this.cursor = spec.start();
        this.filter = spec.filter();
        this.conflation = Conflation.of(spec.conflation());
        this.wakeups = runtime.wakeups();
        this.sink = sink;
        // The connection's own I/O thread when it has one: writes then need no hand-off.
        this.executor = sink.executor().orElse(runtime.workers());
        this.timer = runtime.timer();
        this.batch = settings.getReadBatch();
        this.stallTimeout = settings.getStallTimeout();
        this.heartbeat = spec.heartbeatEvents() ? SseFrame.event("heartbeat", null, "{}") : SseFrame.heartbeat();
        this.quietNanos = settings.getHeartbeat().toNanos() / 2;
        this.lastSent = System.nanoTime();
        this.metrics = runtime.metrics();
    }

    /** The subscription id, as announced in the {@code connected} event. */
    public String id() {
        return id;
    }

    /** Sends the {@code connected} frame and starts following; {@code onEnd} runs once it ends. */
    void start(SseFrame connected, Runnable onEnd) {
        this.onEnd = onEnd;
        // Set before any callback can start a drain: `connected` must be the first frame.
        pending = connected;
        sink.onDemand(wake);
        sink.onClose(this::closed);
        partitions.forEach(p -> wakeups.join(p, executor, this));
        schedule();
    }

    /** Asks for a heartbeat at the next drain, sent there if the stream has been quiet. */
    void heartbeat() {
        heartbeatDue = 1;
        schedule();
    }

    /** Ends the stream with {@code frame} (auth-expired, shutdown) at the next drain. */
    void end(SseFrame frame) {
        ending = frame;
        schedule();
    }

    /** Runs a drain unless one is running; that one then runs again. */
    void schedule() {
        if (WORK.getAndIncrement(this) == 0) {
            executor.execute(drainTask);
        }
    }

    /**
     * Runs a drain of {@code partition} on the calling thread unless one is running or queued (that
     * one then runs again, over all partitions). Only for {@link WakeGroups}' tasks, which run on this
     * subscription's executor.
     */
    @Override
    public void appended(PartitionRef partition) {
        if (WORK.getAndIncrement(this) == 0) {
            drain(partition);
        }
    }

    private void closed() {
        closed = true;
        schedule();
    }

    private void drain() {
        drain(null);
    }

    /** Drains; the first pass reads only {@code focus} when not null, any further pass everything. */
    private void drain(PartitionRef focus) {
        PartitionRef only = focus;
        do {
            if (closed || ending != null) {
                finish();
                return;
            }
            SseFrame first = pending;
            if (first != null && sink.demand() > 0) {
                pending = null;
                send(first);
            }
            // Read before the swap: a drain per event per subscriber, a heartbeat once per interval.
            if (heartbeatDue == 1 && HEARTBEAT_DUE.getAndSet(this, 0) == 1) {
                checkStall();
                if (System.nanoTime() - lastSent >= quietNanos && sink.demand() > 0 && !closed && ending == null) {
                    send(heartbeat);
                }
            }
            if (pending == null) {
                applyFinishedReads();
                startReads(only);
            }
            only = null;
            if (ending != null) {
                finish();
                return;
            }
            sink.flush();
        } while (WORK.decrementAndGet(this) != 0);
        if (more) {
            // Not in this task: a subscriber far behind must not hold its event loop from the others.
            more = false;
            executor.execute(wake);
        }
    }

    private void send(SseFrame frame) {
        sink.send(frame);
        lastSent = System.nanoTime();
    }

    private void applyFinishedReads() {
        if (reads.collect(partitions, this::apply)) {
            ending = new SseFrame("error", null, "{\"reason\":\"log-unavailable\"}", null, null);
        }
    }

    private void startReads(PartitionRef only) {
        // Demand changes only when this drain sends (or the client reads, which schedules a drain).
        boolean room = sink.demand() > 0;
        int count = only != null ? 1 : logs.length;
        for (int i = 0; i < count && room && ending == null; i++) {
            StreamLog.Partition partitionLog = only != null ? logOf(only) : logs[(nextPartition + i) % logs.length];
            PartitionRef partition = partitionLog.ref();
            long from = cursor.next(partition);
            long end = partitionLog.liveEnd();
            if (from >= end || !reads.mayRead(partition)) {
                continue;
            }
            // A full batch whatever the demand: filtered-out events cost no demand, and a read sized
            // by demand (often 1) would crawl through partitions shared with other tenants.
            var stage = partitionLog.read(from, batch).toCompletableFuture();
            if (stage.isDone() && !stage.isCompletedExceptionally()) {
                apply(partition, stage.join());
                room = sink.demand() > 0;
                // A full batch, or a read cut at the window's edge: nothing else would come back for the
                // rest until the partition grows again (a filtered read sends nothing, so no demand
                // change follows either). The end as it was before the read suffices: records appended
                // since then wake this subscription through its wake group, and asking the log again
                // would cost a second lookup per delivery.
                more |= room && cursor.next(partition) < end && !reads.retrying(partition);
            } else {
                metrics.catchUpRead();
                reads.await(partition, stage, wake);
            }
        }
        if (only == null) {
            nextPartition = (nextPartition + 1) % Math.max(1, logs.length);
        }
    }

    private StreamLog.Partition logOf(PartitionRef partition) {
        for (StreamLog.Partition partitionLog : logs) {
            // Wake groups hand back the very object this subscription joined with.
            if (partitionLog.ref() == partition || partitionLog.ref().equals(partition)) {
                return partitionLog;
            }
        }
        throw new IllegalArgumentException(id + " does not read " + partition);
    }

    private void apply(PartitionRef partition, ReadResult result) {
        if (ReadApplier.stalled(cursor, partition, result)) {
            // No progress below the live end: the log is unreachable. Try again a little later.
            reads.retryLater(partition, RETRY_DELAY.toNanos());
            timer.schedule(this::schedule, RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        reads.progressed(partition);
        cursor = ReadApplier.apply(cursor, partition, result, filter, conflation, target);
    }

    private void checkStall() {
        boolean behind = Arrays.stream(logs).anyMatch(p -> cursor.next(p.ref()) < p.liveEnd());
        if (sink.demand() > 0 || !behind) {
            stalledSince = 0;
        } else if (stalledSince == 0) {
            stalledSince = System.nanoTime();
        } else if (System.nanoTime() - stalledSince > stallTimeout.toNanos()) {
            metrics.dropped();
            ending = SseFrame.event(
                    "dropped",
                    null,
                    "{\"reason\":\"slow-consumer\",\"resumeWith\":\"" + CursorCodec.encode(cursor) + "\"}");
        }
    }

    private void finish() {
        partitions.forEach(p -> wakeups.leave(p, executor, this));
        if (!closed && ending != null) {
            sink.sendLast(ending);
        }
        closed = true;
        Runnable end = onEnd;
        onEnd = () -> {};
        end.run();
    }
}
