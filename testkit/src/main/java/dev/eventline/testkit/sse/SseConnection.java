package dev.eventline.testkit.sse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * One SSE connection's parsing and bookkeeping: the HTTP response head, chunked framing when the
 * server uses it, SSE lines, and for every event whose data names a record {@code s-<sequence>} the
 * order check and the latency from its {@code emittedAt}.
 *
 * <p>Benchmark events are numbered by the publisher; a connection must see consecutive numbers. A
 * number above the next expected one counts the skipped ones as missing, one below it as a duplicate.
 *
 * <p>The parser runs on the same cores as the server it measures, so it reads lines where they lie in
 * the read buffer and copies only a line cut by the end of a read; its CPU is CPU the server lacks.
 *
 * <p>Threading: fed by one selector thread; the counters are read by others after the fact, so they are
 * volatile where a reader polls them.
 */
final class SseConnection {

    private static final byte[] RECORD = "\"recordId\":\"s-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMITTED = "\"emittedAt\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ID = "id:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event:".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_LINE = 64 * 1024;

    private final Latencies latencies;
    private final boolean keepIds;
    private byte[] line = new byte[512];
    private int lineLength;
    private boolean head = true;
    private boolean chunked;
    private long chunkLeft = -1;
    private boolean chunkTrailer;
    private final byte[] size = new byte[16];
    private int sizeLength;
    private long eventSequence = -1;
    private long eventEmittedAt;
    private String eventId;
    private String eventName;
    volatile int status;
    volatile boolean opened;
    volatile boolean ended;
    volatile long received;
    volatile long last = -1;
    volatile String lastId;
    volatile String endEvent;
    volatile String error;
    long first = -1;
    long missing;
    long duplicates;

    SseConnection(Latencies latencies, boolean keepIds) {
        this.latencies = latencies;
        this.keepIds = keepIds;
    }

    /**
     * The response head of a stream whose framing is not HTTP/1.1 (an HTTP/2 HEADERS frame): what
     * follows through {@link #feed} is body alone.
     */
    void headers(int status) {
        this.status = status;
        head = false;
        opened = status == 200;
    }

    /** Feeds bytes read from the socket (or an HTTP/2 stream's DATA): {@code bytes[from..to)}. */
    void feed(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            if (head || !chunked) {
                i = content(bytes, i, to);
            } else if (chunkLeft > 0) {
                int end = (int) Math.min(to, i + chunkLeft);
                content(bytes, i, end);
                chunkLeft -= end - i;
                chunkTrailer = chunkLeft == 0;
                i = end;
            } else {
                chunkFraming(bytes[i++]);
            }
        }
    }

    /**
     * Content bytes, line by line. Answers where it stopped: {@code to}, or just after the response
     * head's last line (what follows may be chunk framing).
     */
    private int content(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            int newline = i;
            while (newline < to && bytes[newline] != '\n') {
                newline++;
            }
            if (newline == to) {
                keep(bytes, i, to);
                return to;
            }
            boolean inHead = head;
            if (lineLength > 0) {
                keep(bytes, i, newline);
                int length = lineLength;
                lineLength = 0;
                line(line, 0, length);
            } else {
                line(bytes, i, newline - i);
            }
            i = newline + 1;
            if (inHead && !head) {
                return i;
            }
        }
        return i;
    }

    /** Copies the start of a line aside until its end arrives. */
    private void keep(byte[] bytes, int from, int to) {
        int needed = lineLength + to - from;
        if (needed > line.length) {
            if (needed > MAX_LINE) {
                throw new IllegalStateException("line longer than " + MAX_LINE + " bytes");
            }
            line = Arrays.copyOf(line, Math.max(needed, line.length * 2));
        }
        System.arraycopy(bytes, from, line, lineLength, to - from);
        lineLength = needed;
    }

    /** The chunk-size line, or the CRLF after a chunk's data. */
    private void chunkFraming(byte b) {
        if (b == '\r') {
            return;
        }
        if (b != '\n') {
            if (sizeLength < size.length) {
                size[sizeLength++] = b;
            }
            return;
        }
        if (chunkTrailer) {
            chunkTrailer = false;
            sizeLength = 0;
            return;
        }
        String hex = new String(size, 0, sizeLength, StandardCharsets.US_ASCII);
        int semicolon = hex.indexOf(';');
        chunkLeft = Long.parseLong(
                semicolon < 0 ? hex.trim() : hex.substring(0, semicolon).trim(), 16);
        sizeLength = 0;
        if (chunkLeft == 0) {
            // The last chunk: its (empty) trailer's CRLF follows.
            ended = true;
            chunkTrailer = true;
        }
    }

    /** One line without its LF, {@code bytes[from..from+length)}; a CR before the LF is dropped. */
    private void line(byte[] bytes, int from, int length) {
        int end = length > 0 && bytes[from + length - 1] == '\r' ? length - 1 : length;
        if (head) {
            headLine(new String(bytes, from, end, StandardCharsets.ISO_8859_1));
        } else {
            sseLine(bytes, from, end);
        }
    }

    private void headLine(String text) {
        if (status == 0) {
            status = Integer.parseInt(text.split(" ")[1]);
        } else if (text.isEmpty()) {
            head = false;
            opened = status == 200;
        } else if (text.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:")
                && text.toLowerCase(Locale.ROOT).contains("chunked")) {
            chunked = true;
        }
    }

    private void sseLine(byte[] bytes, int from, int length) {
        int to = from + length;
        if (length == 0) {
            dispatch();
        } else if (startsWith(bytes, from, to, DATA)) {
            int record = indexOf(bytes, from, to, RECORD);
            if (record >= 0) {
                eventSequence = number(bytes, record + RECORD.length, to);
                int emitted = indexOf(bytes, from, to, EMITTED);
                if (emitted >= 0) {
                    int start = emitted + EMITTED.length;
                    int end = start;
                    while (end < to && bytes[end] != '"') {
                        end++;
                    }
                    eventEmittedAt = IsoInstants.epochMillis(bytes, start, end - start);
                }
            }
        } else if (keepIds && startsWith(bytes, from, to, ID)) {
            eventId = new String(bytes, from + ID.length, length - ID.length, StandardCharsets.UTF_8).trim();
        } else if (startsWith(bytes, from, to, EVENT)) {
            eventName = new String(bytes, from + EVENT.length, length - EVENT.length, StandardCharsets.UTF_8).trim();
        }
    }

    private void dispatch() {
        if (eventSequence >= 0) {
            long now = System.currentTimeMillis();
            latencies.record(now - eventEmittedAt);
            if (first < 0) {
                first = eventSequence;
            } else if (eventSequence > last + 1) {
                missing += eventSequence - last - 1;
            } else if (eventSequence <= last) {
                duplicates++;
            }
            if (eventSequence > last) {
                last = eventSequence;
            }
            received++;
        } else if (eventName != null && !eventName.equals("connected") && !eventName.equals("heartbeat")) {
            endEvent = eventName;
        }
        if (keepIds && eventId != null) {
            lastId = eventId;
        }
        eventSequence = -1;
        eventId = null;
        eventName = null;
    }

    private static boolean startsWith(byte[] bytes, int from, int to, byte[] prefix) {
        return to - from >= prefix.length && Arrays.equals(bytes, from, from + prefix.length, prefix, 0, prefix.length);
    }

    /** Where {@code needle} first starts in {@code bytes[from..to)}, or -1. */
    private static int indexOf(byte[] bytes, int from, int to, byte[] needle) {
        byte first = needle[0];
        for (int i = from, last = to - needle.length; i <= last; i++) {
            if (bytes[i] == first && Arrays.equals(bytes, i + 1, i + needle.length, needle, 1, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    private static long number(byte[] bytes, int from, int to) {
        long value = 0;
        for (int i = from; i < to && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
            value = value * 10 + (bytes[i] - '0');
        }
        return value;
    }
}
