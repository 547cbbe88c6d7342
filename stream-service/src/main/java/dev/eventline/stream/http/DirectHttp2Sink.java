package dev.eventline.stream.http;

import dev.eventline.stream.subscription.SseFrame;
import dev.eventline.stream.subscription.SseSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Stream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * {@link SseSink} that writes SSE frames as DATA frames straight to one stream of an HTTP/2
 * connection, bypassing the framework's per-item reactive path like {@link DirectSseSink} does for
 * HTTP/1.1 (the subscriptions of a browser's tabs, or of a proxy's clients, share such a connection).
 *
 * <p>How it takes the stream over: once the request is authorized and validated, it writes the
 * response's HEADERS itself through the connection's HTTP/2 encoder, and the framework's own response
 * for the request never emits. Ending the stream is a DATA frame with END_STREAM; the connection and
 * its other streams go on.
 *
 * <p>Threading: everything runs on the connection's event loop ({@link #executor()}), as for HTTP/1.1;
 * frames of a drain gather in one buffer and go out as one DATA frame (split only at the peer's frame
 * size), flushed once per drain. Demand is HTTP/2 flow control: the stream's window (what the client
 * has granted and not yet received) and the connection's writability ({@link Http2Streams}). A client
 * that stops reading exhausts the window and then gets nothing more; the subscription drops it after
 * its stall timeout, with a RST_STREAM instead of frames that would never leave.
 */
final class DirectHttp2Sink implements SseSink {

    /** The extension header carrying a request's HTTP/2 stream id (HttpConversionUtil's name). */
    static final String STREAM_ID_HEADER = "x-http2-stream-id";

    /** The stream an h2c upgrade request is answered on (RFC 9113, section 3.1 of RFC 7540). */
    private static final int UPGRADE_STREAM = 1;

    /** Room for a drain at the live end: a few events. */
    private static final int PENDING_INITIAL = 2048;

    /** A drain's bytes are handed to the encoder whenever this many have gathered (a catch-up). */
    private static final int PENDING_MAX = 32 * 1024;

    private final Channel channel;
    private final ChannelHandlerContext ctx;
    private final Http2ConnectionHandler connection;
    private final int streamId;
    private final Http2Headers head;
    private final Http2Streams streams;
    private volatile Runnable onDemand = () -> {};
    private Runnable onClose = () -> {};
    private Http2Stream stream;
    private ByteBuf pendingShared;
    private ByteBuf pending;
    private boolean written;
    private boolean closed;

    private DirectHttp2Sink(ChannelHandlerContext ctx, int streamId, Map<String, String> headers) {
        this.channel = ctx.channel();
        this.ctx = ctx;
        this.connection = (Http2ConnectionHandler) ctx.handler();
        this.streamId = streamId;
        this.streams = Http2Streams.of(ctx, connection);
        this.head = new DefaultHttp2Headers()
                .status("200")
                .set("content-type", "text/event-stream")
                .set("cache-control", DirectSseSink.CACHE_CONTROL)
                .set("x-accel-buffering", DirectSseSink.ACCEL_BUFFERING);
        // HTTP/2 header names are lower case (RFC 9113, section 8.2.1).
        headers.forEach((name, value) -> head.add(name.toLowerCase(Locale.ROOT), value));
    }

    /**
     * Takes over the request's stream for an event stream, or answers empty when {@code channel} is not
     * an HTTP/2 connection.
     *
     * @param requestStreamId the request's {@link #STREAM_ID_HEADER}; null for an h2c upgrade request
     * @param headers response headers beside the stream's own (CORS), ASCII without line breaks
     */
    static Optional<DirectHttp2Sink> takeOver(Channel channel, String requestStreamId, Map<String, String> headers) {
        ChannelHandlerContext ctx = channel.pipeline().context(Http2ConnectionHandler.class);
        if (ctx == null) {
            return Optional.empty();
        }
        int id = requestStreamId == null ? UPGRADE_STREAM : Integer.parseInt(requestStreamId);
        DirectHttp2Sink sink = new DirectHttp2Sink(ctx, id, headers);
        channel.eventLoop().execute(sink::install);
        return Optional.of(sink);
    }

    private void install() {
        stream = connection.connection().stream(streamId);
        if (stream == null || !channel.isActive()) {
            // The client reset the stream (or went) while the request was being authorized.
            closed();
            return;
        }
        streams.attach(stream, this);
        connection.encoder().writeHeaders(ctx, streamId, head, 0, false, ctx.voidPromise());
        connection.flush(ctx);
    }

    @Override
    public Optional<Executor> executor() {
        return Optional.of(channel.eventLoop());
    }

    @Override
    public long demand() {
        return !closed && stream != null && streams.writable(stream) ? Long.MAX_VALUE : 0;
    }

    @Override
    public void send(SseFrame frame) {
        if (closed) {
            return;
        }
        if (pending == null && pendingShared == null) {
            // At the live end a drain sends one event, the same bytes as its neighbours on this thread.
            pendingShared = FrameEncoder.shared(frame, ctx.alloc());
            if (pendingShared != null) {
                return;
            }
        }
        if (pending == null) {
            pending = ctx.alloc().buffer(PENDING_INITIAL);
        }
        FrameEncoder.write(pending, frame);
        if (pending.readableBytes() >= PENDING_MAX) {
            // A long catch-up: hand the bytes over now so the stream's window reflects them.
            handOver(false);
        }
    }

    @Override
    public void flush() {
        handOver(false);
        if (written) {
            written = false;
            connection.flush(ctx);
        }
    }

    @Override
    public void sendLast(SseFrame frame) {
        if (closed || stream == null) {
            return;
        }
        if (demand() > 0) {
            send(frame);
            handOver(true);
        } else {
            // The client takes nothing (a full window): the goodbye would never leave the server.
            release();
            connection.encoder().writeRstStream(ctx, streamId, Http2Error.CANCEL.code(), ctx.voidPromise());
        }
        connection.flush(ctx);
    }

    /** Writes the drain's frames to the stream in the order they were sent; {@code last} ends it. */
    private void handOver(boolean last) {
        boolean ended = false;
        if (pendingShared != null) {
            ended = last && pending == null;
            data(pendingShared, ended);
            pendingShared = null;
        }
        if (pending != null) {
            ended = last;
            data(pending, last);
            pending = null;
        }
        if (last && !ended) {
            data(Unpooled.EMPTY_BUFFER, true);
        }
    }

    private void data(ByteBuf bytes, boolean endStream) {
        connection.encoder().writeData(ctx, streamId, bytes, 0, endStream, ctx.voidPromise());
        written = true;
    }

    @Override
    public void onDemand(Runnable callback) {
        this.onDemand = callback;
    }

    @Override
    public void onClose(Runnable callback) {
        // On the event loop, like closed(): the callback runs exactly once, whenever the stream closes.
        channel.eventLoop().execute(() -> {
            onClose = callback;
            if (closed) {
                callback.run();
            }
        });
    }

    /** The stream's window or the connection opened again (event loop). */
    void demanded() {
        onDemand.run();
    }

    /** The stream closed: ended, reset by the client, or its connection gone (event loop). */
    void closed() {
        if (closed) {
            return;
        }
        closed = true;
        release();
        onClose.run();
    }

    private void release() {
        if (pendingShared != null) {
            pendingShared.release();
            pendingShared = null;
        }
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }
}
