package dev.eventline.stream.http;

import dev.eventline.stream.subscription.SseFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The frames of one drain of a direct sink ({@link DirectSseSink}, {@link DirectHttp2Sink}), gathered
 * to be written as few buffers: a drain's first event frame is usually the very frame its neighbours
 * on the event loop just sent, and is kept as that shared buffer ({@link FrameEncoder#shared}); further
 * frames gather in one buffer ({@link FrameEncoder} copies each event's shared bytes after the
 * subscriber's own id).
 *
 * <p>Owns its buffers until {@link #take}; {@link #release} frees what was never taken. Event loop
 * only, like the sinks.
 */
final class DrainBuffer {

    /** Room for a drain at the live end: a few events. */
    private static final int INITIAL = 2048;

    /** A drain's bytes are handed over whenever this many have gathered (a long catch-up). */
    private static final int MAX = 32 * 1024;

    /** Where taken buffers go, in the order their frames were sent. */
    interface Target {
        /** Takes {@code bytes} (ownership passes); {@code last} when no buffer of this take follows. */
        void write(ByteBuf bytes, boolean last);
    }

    private final ByteBufAllocator alloc;
    private ByteBuf shared;
    private ByteBuf gathered;

    DrainBuffer(ByteBufAllocator alloc) {
        this.alloc = alloc;
    }

    /** Adds a frame; answers true when enough has gathered to be handed over now. */
    boolean add(SseFrame frame) {
        if (gathered == null && shared == null) {
            // At the live end a drain sends one event, the same bytes as its neighbours on this thread.
            shared = FrameEncoder.shared(frame, alloc);
            if (shared != null) {
                return false;
            }
        }
        if (gathered == null) {
            gathered = alloc.buffer(INITIAL);
        }
        FrameEncoder.write(gathered, frame);
        return gathered.readableBytes() >= MAX;
    }

    /** Hands the gathered buffers to {@code target} in order; answers whether there were any. */
    boolean take(Target target) {
        boolean any = shared != null || gathered != null;
        if (shared != null) {
            ByteBuf first = shared;
            shared = null;
            target.write(first, gathered == null);
        }
        if (gathered != null) {
            ByteBuf rest = gathered;
            gathered = null;
            target.write(rest, true);
        }
        return any;
    }

    /** Frees frames that will never be written (the client went). */
    void release() {
        if (shared != null) {
            shared.release();
            shared = null;
        }
        if (gathered != null) {
            gathered.release();
            gathered = null;
        }
    }
}
