package dev.eventline.emitter.ingest;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places in the keyed-emit protocol where a fault test stops this process so that it can kill it
 * exactly there (SIGKILL), proving that a retry elsewhere still writes the event once. Configured by
 * {@code eventline.emitter.crash-point} (off by default: {@link #NONE}) and {@code crash-point-after}
 * (the how-manieth time the point is reached). When reached, the thread logs {@value #LOGGED} and
 * parks for good; nothing after that point happens in this process. Thread-safe.
 */
public final class CrashPoints {

    /** The log line a test waits for before it kills the process. */
    public static final String LOGGED = "crash point reached";

    /** No crash point: the production setting. */
    public static final String NONE = "none";

    /** The places. */
    enum Point {
        /** The claim won; the event is not sent yet. */
        AFTER_CLAIM,
        /** The event is acknowledged; its done record is not sent yet. */
        AFTER_EVENT_ACK
    }

    private static final Logger LOG = LoggerFactory.getLogger(CrashPoints.class);

    private final Point point;
    private final int after;
    private final AtomicInteger reached = new AtomicInteger();

    /** Stops at {@code point} ("none", "after-claim", "after-event-ack") the {@code after}-th time. */
    CrashPoints(String point, int after) {
        this.point = NONE.equals(point)
                ? null
                : Point.valueOf(point.toUpperCase(Locale.ROOT).replace('-', '_'));
        this.after = after;
    }

    void reach(Point here) {
        if (here != point || reached.incrementAndGet() != after) {
            return;
        }
        LOG.warn("{} ({}): this instance stops here until it is killed", LOGGED, here);
        while (true) {
            LockSupport.park(this);
        }
    }
}
