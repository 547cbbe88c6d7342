package dev.eventline.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.EventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bare-Netty reference of the fan-out benchmark: the least a JVM SSE broadcaster can do. Each
 * event POSTed to {@code /pub} is framed once into one buffer and that same buffer is written to every
 * subscriber of {@code GET /sub}, by one task per event loop for the channels it serves; no
 * authorization, no cursor, no durability, no backpressure. Our
 * stream service does all of those on the same Netty and transport (epoll on Linux, NIO elsewhere;
 * default event loops), so the ratio between the two is the price of the platform's promises.
 *
 * <p>Run as its own JVM by the benchmark ({@code BroadcastServer <port>}) so its CPU is measured alone.
 */
public final class BroadcastServer {

    private static final byte[] SSE_HEAD = ("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
                    + "cache-control: no-cache\r\nconnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    // Subscribers by the event loop that serves them; each set is only touched on its own loop.
    private final Map<EventExecutor, Set<Channel>> subscribers = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    private BroadcastServer() {}

    /** Entry point: serves on {@code 127.0.0.1:<port>} until killed. */
    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        BroadcastServer server = new BroadcastServer();
        // The stream service's transport: epoll where Netty's native library loads (Linux), else NIO.
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup loops =
                new MultiThreadIoEventLoopGroup(epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        try {
            new ServerBootstrap()
                    .group(loops)
                    .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                    // As many pending connections as the storm and idle scenarios open at once.
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline()
                                    .addLast("codec", new HttpServerCodec())
                                    .addLast("aggregator", new HttpObjectAggregator(1 << 16))
                                    .addLast("handler", server.new Handler());
                        }
                    })
                    .bind("127.0.0.1", port)
                    .sync()
                    .channel()
                    .closeFuture()
                    .sync();
        } finally {
            loops.shutdownGracefully();
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String path = request.uri();
            if (request.method().equals(HttpMethod.GET) && path.startsWith("/sub")) {
                subscribe(ctx);
            } else if (request.method().equals(HttpMethod.POST) && path.startsWith("/pub")) {
                // Answer first: the publisher's next event need not wait for this loop's share of the writes.
                answer(ctx, HttpResponseStatus.ACCEPTED);
                publish(request.content());
            } else if (path.startsWith("/health")) {
                answer(ctx, HttpResponseStatus.OK);
            } else {
                answer(ctx, HttpResponseStatus.NOT_FOUND);
            }
        }

        private void subscribe(ChannelHandlerContext ctx) {
            // From here on the connection carries raw SSE bytes: no HTTP codec in the write path.
            ctx.pipeline().remove("aggregator");
            ctx.pipeline().remove("codec");
            ctx.writeAndFlush(ctx.alloc().buffer(SSE_HEAD.length).writeBytes(SSE_HEAD));
            Set<Channel> local = subscribers.computeIfAbsent(ctx.executor(), loop -> new HashSet<>());
            local.add(ctx.channel());
            ctx.channel().closeFuture().addListener(closed -> local.remove(ctx.channel()));
        }

        private void publish(ByteBuf json) {
            long id = sequence.incrementAndGet();
            ByteBuf frame = ByteBufUtil.writeUtf8(
                    PooledByteBufAllocator.DEFAULT,
                    "id: " + id + "\nevent: assignment.created\ndata: " + json.toString(StandardCharsets.UTF_8)
                            + "\n\n");
            // One buffer for every channel; one task per event loop writes it to that loop's channels.
            subscribers.forEach((loop, local) -> {
                ByteBuf shared = frame.retainedDuplicate();
                loop.execute(() -> {
                    // A copy: a failed write may close its channel, which leaves the set, mid-loop.
                    for (Channel channel : List.copyOf(local)) {
                        channel.writeAndFlush(shared.retainedDuplicate(), channel.voidPromise());
                    }
                    shared.release();
                });
            });
            frame.release();
        }

        private void answer(ChannelHandlerContext ctx, HttpResponseStatus status) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }
}
