package dev.eventline.stream.http;

import dev.eventline.stream.subscription.SseFrame;
import dev.eventline.stream.subscription.SseSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateHandler;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * {@link SseSink} that writes SSE frames straight to the connection's Netty channel, bypassing the
 * framework's per-item reactive path (which costs several times more CPU per delivered event).
 *
 * <p>How it takes the connection over: once the request is authorized and validated, it writes the
 * response head itself, from the HTTP codec's place in the pipeline (so TLS and anything nearer the
 * socket still apply, and the framework's encoder and compressor are skipped), and the framework's
 * own response for the request never emits. The body is delimited by the connection's close
 * ({@code Connection: close}, valid HTTP/1.1 and what a stream ending means anyway), so no chunk
 * framing is needed. HTTP/1.1 only: other protocols use {@link ReactorSseSink}.
 *
 * <p>Threading: the subscription's drain runs on the channel's event loop ({@link #executor()}), so
 * writes go straight into the channel's buffer without a task hand-off and are flushed once per drain.
 * Demand is the channel's writability: a client that does not read fills the buffer to Netty's high
 * water mark, then gets nothing more until it drains (the subscription drops it after its stall
 * timeout).
 */
final class DirectSseSink implements SseSink {

    /** The framework's name for the HTTP/1.1 codec handler (ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC). */
    static final String CODEC = "http-server-codec";

    /** {@code Cache-Control} of every stream: no cache or proxy may keep or rewrite events. */
    static final String CACHE_CONTROL = "no-cache, no-transform";

    /** {@code X-Accel-Buffering} of every stream: nginx in front must pass frames on at once. */
    static final String ACCEL_BUFFERING = "no";

    private static final byte[] HEAD = ("HTTP/1.1 200 OK\r\n"
                    + "Content-Type: text/event-stream\r\n"
                    + "Cache-Control: " + CACHE_CONTROL + "\r\n"
                    + "X-Accel-Buffering: " + ACCEL_BUFFERING + "\r\n"
                    + "Connection: close\r\n"
                    + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final Channel channel;
    private final ChannelHandlerContext codec;
    private volatile Runnable onDemand = () -> {};
    private boolean written;

    private DirectSseSink(Channel channel, ChannelHandlerContext codec) {
        this.channel = channel;
        this.codec = codec;
    }

    /**
     * Takes over {@code channel} for an event stream, or answers empty when it is not an HTTP/1.1
     * connection this sink can write to.
     */
    static Optional<DirectSseSink> takeOver(Channel channel) {
        ChannelHandlerContext codec = channel.pipeline().context(CODEC);
        if (codec == null) {
            return Optional.empty();
        }
        DirectSseSink sink = new DirectSseSink(channel, codec);
        channel.eventLoop().execute(sink::install);
        return Optional.of(sink);
    }

    private void install() {
        // The stream keeps itself alive with heartbeats; the server's idle timeout is meant for
        // request/response connections and would not see these writes, which bypass it.
        for (var entry : channel.pipeline().toMap().entrySet()) {
            if (entry.getValue() instanceof IdleStateHandler) {
                channel.pipeline().remove(entry.getKey());
            }
        }
        channel.pipeline().addFirst(new WritabilityHandler());
        codec.writeAndFlush(codec.alloc().buffer(HEAD.length).writeBytes(HEAD));
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
        if (frame.data() != null && frame.event() != null && frame.retry() == null && frame.comment() == null) {
            // An event frame: only its id line is this subscriber's; the rest is shared by every
            // subscriber this thread writes it to, encoded once.
            if (frame.id() != null) {
                ByteBuf id = codec.alloc().buffer(frame.id().length() + 5);
                line(id, "id: ", frame.id());
                codec.write(id, codec.voidPromise());
            }
            codec.write(SHARED.get().body(frame, codec), codec.voidPromise());
        } else {
            codec.write(encode(frame), codec.voidPromise());
        }
        written = true;
    }

    @Override
    public void flush() {
        if (written) {
            written = false;
            codec.flush();
        }
    }

    @Override
    public void sendLast(SseFrame frame) {
        codec.writeAndFlush(encode(frame)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void onDemand(Runnable callback) {
        this.onDemand = callback;
    }

    @Override
    public void onClose(Runnable callback) {
        channel.closeFuture().addListener(future -> callback.run());
    }

    private ByteBuf encode(SseFrame frame) {
        return encode(frame, codec, true);
    }

    private static ByteBuf encode(SseFrame frame, ChannelHandlerContext codec, boolean withId) {
        ByteBuf out =
                codec.alloc().buffer(frame.data() == null ? 64 : frame.data().length() + 256);
        if (frame.comment() != null) {
            out.writeByte(':').writeByte(' ');
            ByteBufUtil.writeUtf8(out, frame.comment());
            out.writeByte('\n');
        }
        if (withId && frame.id() != null) {
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
        return out.writeByte('\n');
    }

    private static void line(ByteBuf out, String field, String value) {
        out.writeCharSequence(field, StandardCharsets.US_ASCII);
        ByteBufUtil.writeUtf8(out, value);
        out.writeByte('\n');
    }

    /** Per I/O thread: the last event body it encoded ({@code event:} and {@code data:} lines). */
    private static final ThreadLocal<SharedBody> SHARED = ThreadLocal.withInitial(SharedBody::new);

    /**
     * The body of the event frame this thread wrote last. Subscribers of one partition on one thread
     * get the same event one after another, so one entry catches nearly every repeat. Keyed by the
     * identity of the event's JSON, which the log decodes once per event.
     */
    private static final class SharedBody {
        private String data;
        private String event;
        private ByteBuf body;

        ByteBuf body(SseFrame frame, ChannelHandlerContext codec) {
            if (body == null || frame.data() != data || !frame.event().equals(event)) {
                if (body != null) {
                    body.release();
                }
                data = frame.data();
                event = frame.event();
                body = encode(frame, codec, false);
            }
            return body.retainedDuplicate();
        }
    }

    /** Tells the subscription when a full channel can take frames again. */
    @ChannelHandler.Sharable
    private final class WritabilityHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                onDemand.run();
            }
            ctx.fireChannelWritabilityChanged();
        }
    }
}
