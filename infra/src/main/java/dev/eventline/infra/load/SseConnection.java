package dev.eventline.infra.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One SSE connection's parsing and bookkeeping: the HTTP response head, chunked framing when the
 * server uses it, SSE lines, and for every event whose data names a record {@code s-<sequence>} the
 * order check and the latency from its {@code emittedAt}.
 *
 * <p>Benchmark events are numbered by the publisher; a connection must see consecutive numbers. A
 * number above the next expected one counts the skipped ones as missing, one below it as a duplicate.
 *
 * <p>Threading: fed by one selector thread; the counters are read by others after the fact, so they are
 * volatile where a reader polls them.
 */
final class SseConnection {

    private static final byte[] RECORD = "\"recordId\":\"s-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMITTED = "\"emittedAt\":\"".getBytes(StandardCharsets.US_ASCII);
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

    /** Feeds bytes read from the socket. */
    void feed(ByteBuffer bytes) {
        while (bytes.hasRemaining()) {
            if (head || !chunked) {
                line(bytes.get());
            } else if (chunkLeft > 0) {
                line(bytes.get());
                chunkLeft--;
                if (chunkLeft == 0) {
                    chunkTrailer = true;
                }
            } else {
                chunkFraming(bytes.get());
            }
        }
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
            ended = true;
        }
    }

    private void line(byte b) {
        if (b != '\n') {
            if (lineLength == line.length) {
                if (line.length >= MAX_LINE) {
                    throw new IllegalStateException("line longer than " + MAX_LINE + " bytes");
                }
                line = java.util.Arrays.copyOf(line, line.length * 2);
            }
            line[lineLength++] = b;
            return;
        }
        int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        lineLength = 0;
        if (head) {
            headLine(length);
        } else {
            sseLine(length);
        }
    }

    private void headLine(int length) {
        String text = new String(line, 0, length, StandardCharsets.ISO_8859_1);
        if (status == 0) {
            status = Integer.parseInt(text.split(" ")[1]);
        } else if (text.isEmpty()) {
            head = false;
            opened = status == 200;
        } else if (text.toLowerCase(java.util.Locale.ROOT).startsWith("transfer-encoding:")
                && text.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
            chunked = true;
        }
    }

    private void sseLine(int length) {
        if (length == 0) {
            dispatch();
        } else if (startsWith("data:", length)) {
            int record = indexOf(RECORD, length);
            if (record >= 0) {
                eventSequence = number(record + RECORD.length, length);
                int emitted = indexOf(EMITTED, length);
                if (emitted >= 0) {
                    int start = emitted + EMITTED.length;
                    int end = start;
                    while (end < length && line[end] != '"') {
                        end++;
                    }
                    eventEmittedAt = Instant.parse(new String(line, start, end - start, StandardCharsets.US_ASCII))
                            .toEpochMilli();
                }
            }
        } else if (keepIds && startsWith("id:", length)) {
            eventId = new String(line, 3, length - 3, StandardCharsets.UTF_8).trim();
        } else if (startsWith("event:", length)) {
            eventName = new String(line, 6, length - 6, StandardCharsets.UTF_8).trim();
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

    private boolean startsWith(String prefix, int length) {
        if (length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(byte[] needle, int length) {
        outer:
        for (int i = 0; i <= length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (line[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private long number(int from, int length) {
        long value = 0;
        for (int i = from; i < length && line[i] >= '0' && line[i] <= '9'; i++) {
            value = value * 10 + (line[i] - '0');
        }
        return value;
    }
}
