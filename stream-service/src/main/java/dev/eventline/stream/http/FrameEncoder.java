package dev.eventline.stream.http;

import dev.eventline.stream.subscription.SseFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Writes SSE frames as bytes. An event's {@code event:} and {@code data:} lines are the same for every
 * subscriber, so they are encoded once per event (while remembered) and copied for each subscriber
 * after that subscriber's own {@code id:} line: copying a few hundred bytes costs far less than
 * encoding the JSON again. Subscribers at the live end also share their id (the same cursor), so
 * {@link #shared} keeps whole frames as buffers that every such subscriber's connection writes
 * without a copy.
 *
 * <p>Threading: thread-safe without locks. Whole frames are cached per thread (a few dozen recent
 * events); bodies in one table for all threads (a few thousand events, a few MiB). Callers write on
 * their channel's event loop, which also releases the shared buffers it allocated.
 */
final class FrameEncoder {

    /**
     * Recent events remembered per thread. Subscribers at the live end drain the same few events one
     * after another; a batch larger than this only costs extra encodings.
     */
    private static final int CACHED_EVENTS = 64;

    private static final byte[] ID = "id: ".getBytes(StandardCharsets.US_ASCII);

    /**
     * Event bodies remembered, for all threads together. Subscribers catching up read the same recent
     * events at different speeds (a reconnect storm spreads them over a thousand events and more), so
     * bodies are kept for many more events than whole frames, within {@link #BODY_BYTES} in all.
     */
    private static final int CACHED_BODIES = 4096;

    /** About the most body bytes kept; past it, a new body replaces an old one or is not kept. */
    private static final long BODY_BYTES = 4 * 1024 * 1024;

    private static final AtomicReferenceArray<Body> BODIES = new AtomicReferenceArray<>(CACHED_BODIES);
    private static final AtomicLong BODY_BYTES_KEPT = new AtomicLong();

    // A Netty thread-local: an event loop that terminates releases the buffers its cache still holds.
    private static final FastThreadLocal<Frame[]> FRAMES = new FastThreadLocal<>() {
        @Override
        protected Frame[] initialValue() {
            return new Frame[CACHED_EVENTS];
        }

        @Override
        protected void onRemoval(Frame[] frames) {
            for (Frame frame : frames) {
                if (frame != null) {
                    frame.bytes.release();
                }
            }
        }
    };

    private FrameEncoder() {}

    /** Appends {@code frame} to {@code out}. */
    static void write(ByteBuf out, SseFrame frame) {
        if (plainEvent(frame)) {
            writeEvent(out, frame, body(frame));
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
     * The whole of an event frame with an id, as a buffer shared with every other subscriber on this
     * thread that sends the same event with the same id; null for any other frame. Keyed by the
     * identity of the event's JSON and by the id. The caller owns the returned reference (a retained
     * duplicate) and writes or releases it.
     */
    static ByteBuf shared(SseFrame frame, ByteBufAllocator alloc) {
        if (frame.id() == null || !plainEvent(frame)) {
            return null;
        }
        Frame[] frames = FRAMES.get();
        int slot = (System.identityHashCode(frame.data()) * 31 + frame.id().hashCode()) & (CACHED_EVENTS - 1);
        Frame cached = frames[slot];
        if (cached == null
                || cached.data != frame.data()
                || !cached.id.equals(frame.id())
                || !cached.event.equals(frame.event())) {
            byte[] body = body(frame);
            ByteBuf bytes = alloc.directBuffer(ID.length + frame.id().length() + 1 + body.length);
            writeEvent(bytes, frame, body);
            if (cached != null) {
                // Connections still writing it hold their own references.
                cached.bytes.release();
            }
            cached = new Frame(frame.data(), frame.event(), frame.id(), bytes);
            frames[slot] = cached;
        }
        return cached.bytes.retainedDuplicate();
    }

    /** An event with data and nothing else (no retry, no comment): the frames whose body is cached. */
    private static boolean plainEvent(SseFrame frame) {
        return frame.data() != null && frame.event() != null && frame.retry() == null && frame.comment() == null;
    }

    /** A plain event: the subscriber's own {@code id:} line, if any, then the event's cached body. */
    private static void writeEvent(ByteBuf out, SseFrame frame, byte[] body) {
        if (frame.id() != null) {
            // Cursor ids are ASCII by construction (CursorCodec).
            out.writeBytes(ID).writeCharSequence(frame.id(), StandardCharsets.US_ASCII);
            out.writeByte('\n');
        }
        out.writeBytes(body);
    }

    /**
     * The event's {@code event:} and {@code data:} lines and the blank line ending the frame. Keyed by
     * the identity of the event's JSON, which the log decodes once per event.
     */
    private static byte[] body(SseFrame frame) {
        int slot = System.identityHashCode(frame.data()) & (CACHED_BODIES - 1);
        Body cached = BODIES.get(slot);
        if (cached != null && cached.data == frame.data() && cached.event.equals(frame.event())) {
            return cached.bytes;
        }
        byte[] bytes =
                ("event: " + frame.event() + "\ndata: " + frame.data() + "\n\n").getBytes(StandardCharsets.UTF_8);
        long added = bytes.length - (cached == null ? 0 : cached.bytes.length);
        // Threads racing past the check overshoot the bound by a body each at most.
        if (BODY_BYTES_KEPT.get() + added <= BODY_BYTES
                && BODIES.compareAndSet(slot, cached, new Body(frame.data(), frame.event(), bytes))) {
            BODY_BYTES_KEPT.addAndGet(added);
        }
        return bytes;
    }

    /** Body bytes kept (for tests of the bound). */
    static long bodyBytesKept() {
        return BODY_BYTES_KEPT.get();
    }

    private static void line(ByteBuf out, String field, String value) {
        out.writeCharSequence(field, StandardCharsets.US_ASCII);
        out.writeCharSequence(value, StandardCharsets.UTF_8);
        out.writeByte('\n');
    }

    private record Body(String data, String event, byte[] bytes) {}

    private record Frame(String data, String event, String id, ByteBuf bytes) {}
}
