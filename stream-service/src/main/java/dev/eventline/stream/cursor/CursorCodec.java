package dev.eventline.stream.cursor;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The one text form of a {@link StreamCursor}, used as SSE {@code id:}, in {@code Last-Event-ID},
 * {@code last_event_id} and snapshot answers.
 *
 * <p>Form: {@code v1} then, per topic in name order, {@code ~topic} followed by {@code .partition-offset}
 * for each of its partitions in order, offsets in base 36. Example: {@code v1~assignments.3-t5~files.3-1f}
 * is "assignments partition 3 next offset 1049, files partition 3 next offset 51". It holds only
 * {@code [a-z0-9._~-]}, so it can never carry CR, LF or NUL into an SSE line and needs no URL escaping.
 *
 * <p>Rules:
 * <ul>
 *   <li>{@value #EARLIEST} (reserved): every partition of the subscription from the oldest retained
 *       record.
 *   <li>Anything that does not parse, repeats a partition or exceeds {@value #MAX_LENGTH} characters
 *       is malformed (400).
 *   <li>A cursor naming a partition the subscription does not read is forged or stale (400); see
 *       {@link #checkCovers}.
 *   <li>A partition of the subscription missing from the cursor starts at the live end (a topic added
 *       to the subscription since the cursor was issued).
 *   <li>An offset below the oldest retained record gets a {@code reset} event, then the stream goes on
 *       from the oldest record; an offset beyond the log end is invalid (400).
 * </ul>
 * Stateless and thread-safe.
 */
public final class CursorCodec {

    /** The reserved cursor for "from the oldest retained record". */
    public static final String EARLIEST = "earliest";

    /** Long enough for every partition of every catalog topic; bounds parsing work. */
    public static final int MAX_LENGTH = 4096;

    private static final String VERSION = "v1";

    private static final ThreadLocal<Encoded> LAST = new ThreadLocal<>();

    private CursorCodec() {}

    /**
     * The text form. Remembers the last cursor each thread encoded: subscribers at the live end reach
     * the same cursor one after another on their I/O thread, so they get the text already built, as
     * the same string (which lets the HTTP layer share the whole frame's bytes between them).
     */
    public static String encode(StreamCursor cursor) {
        Encoded last = LAST.get();
        if (last != null && last.cursor().equals(cursor)) {
            return last.text();
        }
        String text = build(cursor);
        LAST.set(new Encoded(cursor, text));
        return text;
    }

    private static String build(StreamCursor cursor) {
        // Positions by index: this runs for every event delivered on every thread.
        Positions positions = (Positions) cursor.positions();
        StringBuilder text = new StringBuilder(32);
        text.append(VERSION);
        String topic = null;
        for (int i = 0; i < positions.count(); i++) {
            PartitionRef partition = positions.partition(i);
            if (!partition.topic().equals(topic)) {
                topic = partition.topic();
                text.append('~').append(topic);
            }
            text.append('.').append(partition.partition()).append('-').append(Long.toString(positions.offset(i), 36));
        }
        return text.toString();
    }

    /**
     * Parses the text form (not {@value #EARLIEST}, which callers check first).
     *
     * @throws InvalidCursorException when malformed
     */
    public static StreamCursor decode(String text) {
        if (text == null || text.length() > MAX_LENGTH || !text.startsWith(VERSION)) {
            throw new InvalidCursorException("malformed cursor: expected an id from this stream (v1~...)");
        }
        // A plain scan: a regex with a repeated group recurses per repetition and can overflow the stack.
        TreeMap<PartitionRef, Long> positions = new TreeMap<>();
        Scanner scan = new Scanner(text, VERSION.length());
        while (!scan.done()) {
            scan.expect('~');
            String topic = scan.topic();
            do {
                scan.expect('.');
                int partition = (int) scan.number(10, 5);
                scan.expect('-');
                long offset = scan.number(36, 13);
                if (positions.put(new PartitionRef(topic, partition), offset) != null) {
                    throw new InvalidCursorException("malformed cursor: " + topic + "-" + partition + " appears twice");
                }
            } while (!scan.done() && scan.peek() == '.');
        }
        return new StreamCursor(positions);
    }

    /**
     * Checks that a cursor names only partitions of the subscription.
     *
     * @throws InvalidCursorException naming the first foreign partition
     */
    public static void checkCovers(StreamCursor cursor, List<PartitionRef> subscription) {
        List<PartitionRef> foreign = new ArrayList<>(cursor.partitions());
        foreign.removeAll(subscription);
        if (!foreign.isEmpty()) {
            throw new InvalidCursorException("the cursor names " + foreign.get(0)
                    + ", which this subscription does not read (a cursor of another subscription?)");
        }
    }

    private record Encoded(StreamCursor cursor, String text) {}

    /** Reads the cursor's text left to right; every mistake names its character. */
    private static final class Scanner {

        private final String text;
        private int at;

        Scanner(String text, int at) {
            this.text = text;
            this.at = at;
        }

        boolean done() {
            return at >= text.length();
        }

        char peek() {
            return text.charAt(at);
        }

        void expect(char c) {
            if (done() || text.charAt(at) != c) {
                throw malformed();
            }
            at++;
        }

        /** A topic name: a lower-case letter, then lower-case letters, digits, '_' or '-'. */
        String topic() {
            int start = at;
            while (!done() && (lower(peek()) || at > start && (digit(peek()) || peek() == '_' || peek() == '-'))) {
                at++;
            }
            if (at == start) {
                throw malformed();
            }
            return text.substring(start, at);
        }

        /** An unsigned number in {@code radix} of 1 to {@code maxDigits} digits. */
        long number(int radix, int maxDigits) {
            int start = at;
            while (!done() && at - start < maxDigits && (digit(peek()) || radix == 36 && lower(peek()))) {
                at++;
            }
            if (at == start) {
                throw malformed();
            }
            try {
                return Long.parseLong(text, start, at, radix);
            } catch (NumberFormatException e) {
                throw new InvalidCursorException("malformed cursor: number out of range at character " + start);
            }
        }

        private static boolean lower(char c) {
            return c >= 'a' && c <= 'z';
        }

        private static boolean digit(char c) {
            return c >= '0' && c <= '9';
        }

        private InvalidCursorException malformed() {
            return new InvalidCursorException("malformed cursor at character " + at);
        }
    }
}
