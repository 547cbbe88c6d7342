package dev.eventline.stream.http;

import dev.eventline.stream.subscription.SseFrame;
import dev.eventline.stream.subscription.SseSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * {@link SseSink} that writes SSE frames straight to the connection's Netty channel, bypassing the
 * framework's per-item reactive path (which costs several times more CPU per delivered event).
 *
 * <p>How it takes the connection over: once the request is authorized and validated, it writes the
 * response head itself, from the HTTP codec's place in the pipeline (so TLS and anything nearer the
 * socket still apply, and the framework's encoder and compressor are skipped), and the framework's
 * own response for the request never emits. The body is delimited by the connection's close
 * ({@code Connection: close}, valid HTTP/1.1 and what a stream ending means anyway), so no chunk
 * framing is needed. HTTP/1.1 only: HTTP/2 streams get {@link DirectHttp2Sink}.
 *
 * <p>Threading: the subscription's drain runs on the channel's event loop ({@link #executor()}), so
 * writes go straight into the channel's buffer without a task hand-off. A drain's first event frame is
 * usually the very frame its neighbours on the event loop just sent, and goes out as that shared buffer
 * ({@link FrameEncoder#shared}); further frames gather in one buffer ({@link FrameEncoder} copies each
 * event's shared bytes after the subscriber's own id). Both are written and flushed once per drain.
 * Demand is the channel's writability: a client that does not read fills the buffer to Netty's high
 * water mark, then gets nothing more until it drains (the subscription drops it after its stall
 * timeout).
 */
final class DirectSseSink implements SseSink {

    /** {@code Cache-Control} of every stream: no cache or proxy may keep or rewrite events. */
    static final String CACHE_CONTROL = "no-cache, no-transform";

    /** {@code X-Accel-Buffering} of every stream: nginx in front must pass frames on at once. */
    static final String ACCEL_BUFFERING = "no";

    /**
     * How long a close from the framework waits for the stream's own goodbye: longer than the
     * graceful-shutdown grace period (10 s in application.yml), after which the server stops anyway;
     * only a bound in case no drain follows.
     */
    private static final Duration FRAMEWORK_CLOSE_GRACE = Duration.ofSeconds(15);

    /** Room for a drain at the live end: a few events. */
    private static final int PENDING_INITIAL = 2048;

    /** A drain's bytes are handed to the channel whenever this many have gathered. */
    private static final int PENDING_MAX = 32 * 1024;

    private static final String HEAD = "HTTP/1.1 200 OK\r\n"
            + "Content-Type: text/event-stream\r\n"
            + "Cache-Control: " + CACHE_CONTROL + "\r\n"
            + "X-Accel-Buffering: " + ACCEL_BUFFERING + "\r\n"
            + "Connection: close\r\n";

    private final Channel channel;
    private final ChannelHandlerContext codec;
    private final byte[] head;
    private volatile Runnable onDemand = () -> {};
    // The first frame of the current drain when it is shared with other subscribers (FrameEncoder.shared).
    private ByteBuf pendingShared;
    // The drain's other frames, written to the channel after it as one buffer when it flushes.
    private ByteBuf pending;
    private boolean written;
    // Set on the event loop (sendLast runs in the drain there) before this stream closes its connection.
    private boolean ending;

    private DirectSseSink(Channel channel, ChannelHandlerContext codec, Map<String, String> headers) {
        this.channel = channel;
        this.codec = codec;
        StringBuilder head = new StringBuilder(HEAD);
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        this.head = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Takes over {@code channel} for an event stream, or answers empty when it is not an HTTP/1.1
     * connection this sink can write to. The codec is found by type: its name depends on whether the
     * connection could have become h2c.
     *
     * @param headers response headers beside the stream's own (CORS), ASCII without line breaks
     */
    static Optional<DirectSseSink> takeOver(Channel channel, Map<String, String> headers) {
        ChannelHandlerContext codec = channel.pipeline().context(HttpServerCodec.class);
        if (codec == null) {
            return Optional.empty();
        }
        DirectSseSink sink = new DirectSseSink(channel, codec, headers);
        channel.eventLoop().execute(sink::install);
        return Optional.of(sink);
    }

    private void install() {
        boolean afterCodec = false;
        for (var entry : channel.pipeline().toMap().entrySet()) {
            if (entry.getKey().equals(codec.name())) {
                afterCodec = true;
            } else if (afterCodec || entry.getValue() instanceof IdleStateHandler) {
                // After the codec: the framework's request handling, which would otherwise keep this
                // request's objects (headers, token, route, attributes) for the stream's whole life;
                // removing it is how the framework itself hands a connection over (WebSocket upgrade).
                // The idle timeout: the stream keeps itself alive with heartbeats, which it cannot see.
                channel.pipeline().remove(entry.getKey());
            }
        }
        channel.pipeline().addFirst(new ConnectionHandler());
        codec.writeAndFlush(codec.alloc().buffer(head.length).writeBytes(head));
    }

    @Override
    public Optional<Executor> executor() {
        return Optional.of(channel.eventLoop());
    }

    @Override
    public long demand() {
        return channel.isActive() && channel.isWritable() ? Long.MAX_VALUE : 0;
    }

    @Override
    public void send(SseFrame frame) {
        if (pending == null && pendingShared == null) {
            // At the live end a drain sends one event, the same bytes as its neighbours on this thread.
            pendingShared = FrameEncoder.shared(frame, codec.alloc());
            if (pendingShared != null) {
                return;
            }
        }
        if (pending == null) {
            pending = codec.alloc().buffer(PENDING_INITIAL);
        }
        FrameEncoder.write(pending, frame);
        if (pending.readableBytes() >= PENDING_MAX) {
            // A long catch-up: hand the bytes over now so the channel's writability reflects them.
            handOver();
        }
    }

    @Override
    public void flush() {
        handOver();
        if (written) {
            written = false;
            codec.flush();
        }
    }

    @Override
    public void sendLast(SseFrame frame) {
        ending = true;
        send(frame);
        handOver();
        // The empty write carries the flush and, once everything before it is out, the close.
        codec.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    /** Writes the drain's frames to the channel, in the order they were sent, without flushing. */
    private void handOver() {
        if (pendingShared != null) {
            codec.write(pendingShared, codec.voidPromise());
            pendingShared = null;
            written = true;
        }
        if (pending != null) {
            codec.write(pending, codec.voidPromise());
            pending = null;
            written = true;
        }
    }

    @Override
    public void onDemand(Runnable callback) {
        this.onDemand = callback;
    }

    @Override
    public void onClose(Runnable callback) {
        channel.closeFuture().addListener(future -> callback.run());
    }

    /**
     * Owns the connection once the framework's handlers are gone, nearest the socket: tells the
     * subscription when a full channel can take frames again, ends the connection quietly when the
     * client goes (instead of warnings at the pipeline's tail), ignores anything the client sends, and
     * holds back the framework's own close until the stream has said goodbye.
     */
    private final class ConnectionHandler extends ChannelDuplexHandler {

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                onDemand.run();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            // Frames of a drain the client did not wait for.
            if (pendingShared != null) {
                pendingShared.release();
                pendingShared = null;
            }
            if (pending != null) {
                pending.release();
                pending = null;
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            // An event stream has no further requests; what a client sends is dropped unread.
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A reset or broken pipe: the client is gone, the close ends the subscription.
            ending = true;
            ctx.close();
        }

        @Override
        public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
            if (ending || !ctx.channel().isActive()) {
                ctx.close(promise);
                return;
            }
            // The framework's graceful shutdown sees no request on this connection (the stream took it
            // over) and closes it at once, racing the stream's own drain, which sends `shutdown` and
            // then closes. The framework's close waits for that, bounded like its grace period.
            ctx.channel().closeFuture().addListener(closed -> promise.trySuccess());
            ctx.executor()
                    .schedule(
                            () -> {
                                ending = true;
                                ctx.close();
                            },
                            FRAMEWORK_CLOSE_GRACE.toMillis(),
                            TimeUnit.MILLISECONDS);
        }
    }
}
