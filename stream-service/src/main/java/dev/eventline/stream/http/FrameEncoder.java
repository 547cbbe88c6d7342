package dev.eventline.stream.http;

import dev.eventline.stream.subscription.SseFrame;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Writes SSE frames as bytes. An event's {@code event:} and {@code data:} lines are the same for every
 * subscriber, so each I/O thread encodes them once per event and copies the bytes for each subscriber
 * after that subscriber's own {@code id:} line: copying a few hundred bytes costs far less than
 * encoding the JSON again.
 *
 * <p>Threading: the cache is per thread (a few dozen recent events), so no locking; callers write on
 * their channel's event loop.
 */
final class FrameEncoder {

    /**
     * Recent events remembered per thread. Subscribers at the live end drain the same few events one
     * after another; a batch larger than this only costs extra encodings.
     */
    private static final int CACHED_EVENTS = 64;

    private static final byte[] ID = "id: ".getBytes(StandardCharsets.US_ASCII);

    private static final ThreadLocal<Body[]> BODIES = ThreadLocal.withInitial(() -> new Body[CACHED_EVENTS]);

    private FrameEncoder() {}

    /** Appends {@code frame} to {@code out}. */
    static void write(ByteBuf out, SseFrame frame) {
        if (frame.data() != null && frame.event() != null && frame.retry() == null && frame.comment() == null) {
            if (frame.id() != null) {
                // Cursor ids are ASCII by construction (CursorCodec).
                out.writeBytes(ID).writeCharSequence(frame.id(), StandardCharsets.US_ASCII);
                out.writeByte('\n');
            }
            out.writeBytes(body(frame));
            return;
        }
        if (frame.comment() != null) {
            line(out, ": ", frame.comment());
        }
        if (frame.id() != null) {
            line(out, "id: ", frame.id());
        }
        if (frame.event() != null) {
            line(out, "event: ", frame.event());
        }
        if (frame.retry() != null) {
            line(out, "retry: ", Long.toString(frame.retry().toMillis()));
        }
        if (frame.data() != null) {
            line(out, "data: ", frame.data());
        }
        out.writeByte('\n');
    }

    /**
     * The event's {@code event:} and {@code data:} lines and the blank line ending the frame. Keyed by
     * the identity of the event's JSON, which the log decodes once per event.
     */
    private static byte[] body(SseFrame frame) {
        Body[] bodies = BODIES.get();
        int slot = System.identityHashCode(frame.data()) & (CACHED_EVENTS - 1);
        Body cached = bodies[slot];
        if (cached != null && cached.data == frame.data() && cached.event.equals(frame.event())) {
            return cached.bytes;
        }
        byte[] bytes =
                ("event: " + frame.event() + "\ndata: " + frame.data() + "\n\n").getBytes(StandardCharsets.UTF_8);
        bodies[slot] = new Body(frame.data(), frame.event(), bytes);
        return bytes;
    }

    private static void line(ByteBuf out, String field, String value) {
        out.writeCharSequence(field, StandardCharsets.US_ASCII);
        out.writeCharSequence(value, StandardCharsets.UTF_8);
        out.writeByte('\n');
    }

    private record Body(String data, String event, byte[] bytes) {}
}
