package dev.eventline.bench;

import java.util.List;
import java.util.OptionalLong;

/**
 * A server under fan-out load: how a subscriber asks for the stream, how an event is published, and
 * which process to measure. Every target delivers the same event JSON (an {@code assignment.created}
 * with record id {@code s-<sequence>} and {@code emittedAt}), so one load generator checks them all.
 *
 * <p>{@link #publish} is called from one thread, in sequence order.
 */
interface FanOutTarget extends AutoCloseable {

    /** Its name in the figures. */
    String name();

    /** The port subscribers connect to on 127.0.0.1. */
    int port();

    /** The process whose CPU and memory are the server's. */
    long pid();

    /** Further processes serving with it (more instances), counted in its delivery CPU; none by default. */
    default List<Long> morePids() {
        return List.of();
    }

    /** A process in front of it whose CPU is reported apart (a load balancer), if any. */
    default OptionalLong apartPid() {
        return OptionalLong.empty();
    }

    /** The whole HTTP request subscriber {@code index} sends; {@code lastEventId} may be null. */
    String subscribe(int index, String lastEventId);

    /** Publishes event {@code sequence}, stamped with the current time. */
    void publish(long sequence) throws Exception;

    /** Whether a subscriber can resume from an event id (the reconnect storm needs it). */
    default boolean resumes() {
        return true;
    }

    /** Reads the server made from durable storage to catch subscribers up, where it reports them. */
    default OptionalLong catchUpReads() throws Exception {
        return OptionalLong.empty();
    }

    /** Waits until everything published was accepted. */
    void flush() throws Exception;

    /**
     * Lets the server return memory it no longer uses before a memory reading (a JVM collects its
     * garbage: resident memory should count what connections hold, not the garbage their set-up left).
     */
    default void settle() throws Exception {}

    /** Bytes of live objects on the server's heap, where it has one (read after {@link #settle()}). */
    default OptionalLong liveHeapBytes() throws Exception {
        return OptionalLong.empty();
    }
}
