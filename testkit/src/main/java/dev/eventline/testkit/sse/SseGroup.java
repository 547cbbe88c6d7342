package dev.eventline.testkit.sse;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Connections opened together by {@link SubscriberLoad#open}: their state, what they received, and the check
 * that each got every event of a run exactly once, in order.
 *
 * <p>Threading: readings may race with delivery; call {@link #check} once the run's last event arrived
 * ({@link #awaitLast}) or the wait gave up.
 */
public final class SseGroup implements AutoCloseable {

    private final Consumer<List<SseConnection>> closer;
    private final List<SseConnection> connections;

    /** {@code closer} closes the given connections of the generator that opened them. */
    SseGroup(Consumer<List<SseConnection>> closer, List<SseConnection> connections) {
        this.closer = closer;
        this.connections = List.copyOf(connections);
    }

    /** Connections that got a 200 and are still open. */
    public int open() {
        return (int) connections.stream().filter(c -> c.opened && !c.ended).count();
    }

    /** Connections refused or closed: status other than 200, or ended before their response head. */
    public int failed() {
        return (int) connections.stream().filter(c -> !c.opened).count();
    }

    /** Why connections failed: each distinct reason (status or error) with how many had it. */
    public java.util.Map<String, Long> failures() {
        return connections.stream()
                .filter(c -> !c.opened)
                .collect(java.util.stream.Collectors.groupingBy(
                        c -> c.error != null ? c.error : c.status == 0 ? "no response" : "status " + c.status,
                        java.util.TreeMap::new,
                        java.util.stream.Collectors.counting()));
    }

    /** The {@code id:} of the last event the first connection received ({@code keepIds} needed). */
    public String lastId() {
        return connections.get(0).lastId;
    }

    /** Ends of stream the server announced (an event other than data, connected or heartbeat). */
    public long announcedEnds() {
        return connections.stream().filter(c -> c.endEvent != null).count();
    }

    /**
     * Waits until every opened connection has received event {@code sequence} (or ended); answers the
     * time it took, or {@code null} when {@code timeout} passed first.
     */
    public Duration awaitLast(long sequence, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (SseConnection c : connections) {
                if (c.opened && !c.ended && c.last < sequence) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(2);
        }
        return null;
    }

    /** What the opened connections received of events {@code from..to}, checked one by one. */
    public Delivery check(long from, long to) {
        long received = 0;
        long missing = 0;
        long duplicates = 0;
        int checked = 0;
        for (SseConnection c : connections) {
            if (!c.opened) {
                continue;
            }
            checked++;
            received += c.received;
            duplicates += c.duplicates;
            if (c.first < 0) {
                missing += to - from + 1;
                continue;
            }
            missing += c.missing + Math.max(0, c.first - from) + Math.max(0, to - c.last);
        }
        return new Delivery(checked, received, missing, duplicates);
    }

    @Override
    public void close() {
        closer.accept(connections);
    }

    /**
     * The outcome of a run.
     *
     * @param connections connections checked (those that opened)
     * @param received events received, all connections
     * @param missing events of the run some connection never got
     * @param duplicates events a connection got again, or out of order
     */
    public record Delivery(int connections, long received, long missing, long duplicates) {}
}
