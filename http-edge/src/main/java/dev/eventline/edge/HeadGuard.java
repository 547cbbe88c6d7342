package dev.eventline.edge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection's request-head guard, as two handlers around the HTTP/1.1 codec.
 *
 * <ul>
 *   <li>While no request is being answered, a timer runs: the head timeout from the connection's
 *       opening or from the first byte of a new request, the keep-alive timeout between requests. A
 *       head that does not complete in time gets 408 and the connection closes; an idle connection just
 *       closes.
 *   <li>A request whose {@code Transfer-Encoding} is anything but {@code chunked} gets 400 and the
 *       connection closes; whatever the codec decoded after it is dropped unread.
 *   <li>While requests are being answered (a stream may last hours), no timer runs.
 *   <li>When the connection turns to HTTP/2 (h2c by prior knowledge or upgrade: the codec leaves the
 *       pipeline), the guard leaves too, at the next read or timer: its rules are HTTP/1.1's.
 * </ul>
 *
 * <p>Every method runs on the connection's event loop, so the state needs no synchronization.
 */
final class HeadGuard {

    private static final String TIMEOUT_BODY = "{\"type\":\"urn:eventline:problem:request-timeout\","
            + "\"title\":\"Request Timeout\",\"status\":408,\"detail\":\"the request head did not arrive in time\"}";
    private static final byte[] REQUEST_TIMEOUT = ("HTTP/1.1 408 Request Timeout\r\n"
                    + "Content-Type: application/problem+json\r\nConnection: close\r\nContent-Length: "
                    + TIMEOUT_BODY.length() + "\r\n\r\n" + TIMEOUT_BODY)
            .getBytes(StandardCharsets.US_ASCII);

    private final long headNanos;
    private final long keepAliveNanos;
    private ScheduledFuture<?> timer;
    private boolean timingHead;
    private int answering;
    private boolean refused;
    private ChannelHandler bytes;
    private ChannelHandler messages;

    HeadGuard(Duration head, Duration keepAlive) {
        this.headNanos = head.toNanos();
        this.keepAliveNanos = keepAlive.toNanos();
    }

    ChannelHandler bytes() {
        bytes = new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                if (ctx.channel().isActive()) {
                    arm(ctx, true);
                }
            }

            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                arm(ctx, true);
                ctx.fireChannelActive();
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (!http1(ctx)) {
                    leave(ctx);
                } else if (answering == 0 && !timingHead) {
                    arm(ctx, true);
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                disarm();
                ctx.fireChannelInactive();
            }
        };
        return bytes;
    }

    ChannelHandler messages() {
        messages = new ChannelDuplexHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (refused) {
                    ReferenceCountUtil.release(msg);
                    return;
                }
                if (msg instanceof HttpRequest request) {
                    disarm();
                    answering++;
                    String coding = request.headers().get(HttpHeaderNames.TRANSFER_ENCODING);
                    if (coding != null && !HttpHeaderValues.CHUNKED.contentEqualsIgnoreCase(coding.trim())) {
                        ReferenceCountUtil.release(msg);
                        refuse(ctx, coding);
                        return;
                    }
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                if (msg instanceof LastHttpContent) {
                    ChannelPromise written = promise.unvoid();
                    written.addListener(done -> {
                        answering = Math.max(0, answering - 1);
                        if (answering == 0 && ctx.channel().isActive()) {
                            arm(ctx, false);
                        }
                    });
                    ctx.write(msg, written);
                    return;
                }
                ctx.write(msg, promise);
            }
        };
        return messages;
    }

    /** Whether the connection still speaks HTTP/1.1 (h2c removes the codec). */
    private static boolean http1(ChannelHandlerContext ctx) {
        return ctx.pipeline().get(HttpServerCodec.class) != null;
    }

    /** Takes both handlers out of an HTTP/2 connection. */
    private void leave(ChannelHandlerContext ctx) {
        disarm();
        for (ChannelHandler handler : new ChannelHandler[] {bytes, messages}) {
            if (handler != null && ctx.pipeline().context(handler) != null) {
                ctx.pipeline().remove(handler);
            }
        }
    }

    private void refuse(ChannelHandlerContext ctx, String coding) {
        refused = true;
        String body = "{\"type\":\"urn:eventline:problem:unsupported-transfer-encoding\","
                + "\"title\":\"Bad Request\",\"status\":400,\"detail\":\"Transfer-Encoding must be chunked or absent, not "
                + coding.replaceAll("[^A-Za-z0-9 ,;=._-]", "?") + "\"}";
        ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        FullHttpResponse response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST, content);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .set(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private void arm(ChannelHandlerContext ctx, boolean head) {
        disarm();
        timingHead = head;
        timer = ctx.executor()
                .schedule(
                        () -> {
                            if (!http1(ctx)) {
                                leave(ctx);
                            } else if (head) {
                                ctx.writeAndFlush(Unpooled.wrappedBuffer(REQUEST_TIMEOUT))
                                        .addListener(ChannelFutureListener.CLOSE);
                            } else {
                                ctx.close();
                            }
                        },
                        head ? headNanos : keepAliveNanos,
                        TimeUnit.NANOSECONDS);
    }

    private void disarm() {
        timingHead = false;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
