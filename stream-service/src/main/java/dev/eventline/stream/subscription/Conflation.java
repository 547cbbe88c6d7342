package dev.eventline.stream.subscription;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One stream's conflation of high-frequency state events (the catalog's {@code conflate} windows): at
 * most one event of a record per window, always the latest, with the cursor exact.
 *
 * <p>The rule, applied by {@link ReadApplier}: an event of a conflated type is dropped when a later
 * event of the same record that this stream may see is in the same read (the later one states the
 * record's whole state, so nothing is lost, and the cursor passes the dropped one only on the way to
 * that later one). An event of a record sent less than its window ago is held: the stream stops that
 * partition there until the window has passed, then reads on and conflates what came meanwhile. A
 * client resuming from any id it was sent therefore gets every record's latest state, never an older
 * one. The price: while a record of a partition is held, the partition's other events behind it wait
 * too, at most one window.
 *
 * <p>Not thread-safe: one per subscription, used by its drain only.
 */
final class Conflation {

    /** Entries kept of records' last sends before old ones are swept (records sent within the window). */
    private static final int SWEEP_AT = 4096;

    private static final Conflation NONE = new Conflation(Map.of());

    private final Map<String, Long> windows;
    private final long longest;
    private final Map<String, Long> lastSent = new HashMap<>();

    private Conflation(Map<String, Long> windows) {
        this.windows = windows;
        this.longest =
                windows.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** No conflation: every event is delivered (and the replay API's rule). */
    static Conflation none() {
        return NONE;
    }

    /** Conflation of the types in {@code windows}, each with its window. */
    static Conflation of(Map<String, Duration> windows) {
        if (windows.isEmpty()) {
            return NONE;
        }
        Map<String, Long> nanos = new HashMap<>();
        windows.forEach((type, window) -> nanos.put(type, window.toNanos()));
        return new Conflation(Map.copyOf(nanos));
    }

    /** {@link Read#verdict}: send the event now. */
    static final long SEND = 0;

    /** {@link Read#verdict}: pass over the event; a later one of its record in the read is sent instead. */
    static final long PASS_OVER = -1;

    /** What this stream decides about one read's events. */
    interface Read {

        /**
         * About the allowed event at {@code index} of the read: {@link #SEND}, {@link #PASS_OVER}, or the
         * nanoseconds to hold its partition before it may go.
         */
        long verdict(LogEvent event, int index);

        /** The allowed event was sent. */
        void sent(LogEvent event);
    }

    private static final Read EVERY_EVENT = new Read() {
        @Override
        public long verdict(LogEvent event, int index) {
            return SEND;
        }

        @Override
        public void sent(LogEvent event) {}
    };

    /** Begins a read of {@code events}; a stream that conflates nothing pays no map and no clock. */
    Read begin(List<LogEvent> events, EventFilter filter) {
        if (!active()) {
            return EVERY_EVENT;
        }
        Map<String, Integer> last = lastAllowed(events, filter);
        if (last.isEmpty()) {
            return EVERY_EVENT;
        }
        long now = System.nanoTime();
        return new Read() {
            @Override
            public long verdict(LogEvent event, int index) {
                long window = window(event.type());
                if (window == 0) {
                    return SEND;
                }
                String key = key(event);
                return last.get(key) > index ? PASS_OVER : remaining(key, window, now);
            }

            @Override
            public void sent(LogEvent event) {
                if (window(event.type()) > 0) {
                    Conflation.this.sent(key(event), now);
                }
            }
        };
    }

    /** Whether any type of the stream is conflated. */
    boolean active() {
        return longest > 0;
    }

    /** The window of {@code type} in nanoseconds; 0 when its events are never conflated. */
    long window(String type) {
        Long window = windows.get(type);
        return window == null ? 0 : window;
    }

    /** The key of an event's record: records are per topic. */
    static String key(LogEvent event) {
        return event.partition().topic() + '\u0000' + event.recordId();
    }

    /**
     * For one read, the index of the last event of each conflated record that {@code filter} allows:
     * an allowed event before that index is superseded within the read.
     */
    Map<String, Integer> lastAllowed(List<LogEvent> events, EventFilter filter) {
        Map<String, Integer> last = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            LogEvent event = events.get(i);
            if (window(event.type()) > 0 && filter.allows(event)) {
                last.put(key(event), i);
            }
        }
        return last;
    }

    /** Nanoseconds until {@code key}'s record may be sent again, at {@code now}; 0 when it may now. */
    long remaining(String key, long window, long now) {
        Long sent = lastSent.get(key);
        return sent == null ? 0 : Math.max(0, sent + window - now);
    }

    /** Notes that {@code key}'s record was sent at {@code now}. */
    void sent(String key, long now) {
        if (lastSent.size() >= SWEEP_AT) {
            // Records last sent before the longest window cannot hold anything back any more.
            lastSent.values().removeIf(at -> now - at >= longest);
        }
        lastSent.put(key, now);
    }
}
