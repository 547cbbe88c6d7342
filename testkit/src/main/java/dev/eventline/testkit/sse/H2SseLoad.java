package dev.eventline.testkit.sse;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * An SSE load generator over HTTP/2 with prior knowledge (h2c, RFC 9113 section 3.3): subscribers are
 * streams, {@code streamsPerConnection} of them multiplexed on each connection, as a browser's tabs or
 * a proxy's clients share one. Every stream is checked like an HTTP/1.1 connection ({@link SseConnection}).
 *
 * <p>Flow control is generous (16 MiB windows, what browsers grant, so the client never throttles the
 * server it measures) and every byte received is handed back at once.
 *
 * <p>Threading: connections are served by Netty event loops ({@code threads} of them); each stream's
 * parser runs on its connection's loop. Methods may be called from any thread.
 */
public final class H2SseLoad implements SubscriberLoad {

    private static final int WINDOW = 16 * 1024 * 1024;

    /** The parts of an HTTP/1.1 request that HTTP/2 carries otherwise, or forbids (RFC 9113, 8.2.2). */
    private static final Set<String> HOP_BY_HOP =
            Set.of("host", "connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection");

    private final String host;
    private final int port;
    private final int streamsPerConnection;
    private final EventLoopGroup loops;
    private final Map<EventLoop, Latencies> latencies = new ConcurrentHashMap<>();
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();

    /** A generator for the server at {@code host:port} (h2c), on {@code threads} event loops. */
    public H2SseLoad(String host, int port, int threads, int streamsPerConnection) {
        this.host = host;
        this.port = port;
        this.streamsPerConnection = streamsPerConnection;
        this.loops = new MultiThreadIoEventLoopGroup(
                threads, Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    @Override
    public SseGroup open(int count, IntFunction<String> request, boolean keepIds, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<SseConnection> opened = new ArrayList<>(count);
        List<Channel> mine = new ArrayList<>();
        for (int first = 0; first < count; first += streamsPerConnection) {
            Connection connection = new Connection();
            Channel channel = new Bootstrap()
                    .group(loops)
                    .channel(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(connection.handler)
                    .connect(host, port)
                    .sync()
                    .channel();
            channels.add(channel);
            mine.add(channel);
            Latencies recorded = latencies.computeIfAbsent(channel.eventLoop(), loop -> new Latencies());
            channel.eventLoop().execute(() -> connection.widen(channel));
            for (int i = first; i < Math.min(count, first + streamsPerConnection); i++) {
                SseConnection stream = new SseConnection(recorded, keepIds);
                String text = request.apply(i);
                opened.add(stream);
                channel.eventLoop().execute(() -> connection.request(channel, stream, text));
            }
            channel.closeFuture().addListener(closed -> connection.ended());
        }
        while (opened.stream().anyMatch(c -> c.status == 0 && !c.ended) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return new SseGroup(ignored -> mine.forEach(this::closeChannel), opened);
    }

    private void closeChannel(Channel channel) {
        channel.close().syncUninterruptibly();
        channels.remove(channel);
    }

    @Override
    public Latencies latencies() {
        Latencies all = new Latencies();
        latencies.forEach(
                (loop, recorded) -> loop.submit(() -> all.add(recorded)).syncUninterruptibly());
        return all;
    }

    @Override
    public void clearLatencies() {
        latencies.forEach((loop, recorded) -> loop.submit(recorded::clear).syncUninterruptibly());
    }

    @Override
    public void close() {
        List.copyOf(channels).forEach(this::closeChannel);
        loops.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One HTTP/2 connection and its streams; event loop only. */
    private static final class Connection extends Http2FrameAdapter {

        private final IntObjectMap<SseConnection> streams = new IntObjectHashMap<>();
        private final Http2ConnectionHandler handler;
        private byte[] scratch = new byte[64 * 1024];

        Connection() {
            this.handler = new Http2ConnectionHandlerBuilder()
                    .server(false)
                    // Closing is immediate: a generator does not wait for its streams to end.
                    .gracefulShutdownTimeoutMillis(0)
                    .frameListener(this)
                    .initialSettings(Http2Settings.defaultSettings().initialWindowSize(WINDOW))
                    .build();
        }

        /** Widens the connection's own window, which its streams share (event loop). */
        void widen(Channel channel) {
            try {
                handler.connection()
                        .local()
                        .flowController()
                        .incrementWindowSize(handler.connection().connectionStream(), WINDOW - 65_535);
                handler.flush(channel.pipeline().context(handler));
            } catch (Http2Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** Opens a stream asking with {@code http1}'s head (event loop). */
        void request(Channel channel, SseConnection stream, String http1) {
            ChannelHandlerContext ctx = channel.pipeline().context(handler);
            if (ctx == null || !channel.isActive()) {
                stream.ended = true;
                return;
            }
            int id = handler.connection().local().incrementAndGetNextStreamId();
            streams.put(id, stream);
            handler.encoder().writeHeaders(ctx, id, headers(http1), 0, true, ctx.newPromise());
            handler.flush(ctx);
        }

        @Override
        public void onHeadersRead(
                ChannelHandlerContext ctx,
                int streamId,
                Http2Headers headers,
                int streamDependency,
                short weight,
                boolean exclusive,
                int padding,
                boolean endOfStream) {
            // Netty's decoder reports every HEADERS frame here, with or without priority.
            onHeadersRead(ctx, streamId, headers, padding, endOfStream);
        }

        @Override
        public void onHeadersRead(
                ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding, boolean endOfStream) {
            SseConnection stream = streams.get(streamId);
            if (stream == null) {
                return;
            }
            if (stream.status == 0 && headers.status() != null) {
                stream.headers(Integer.parseInt(headers.status().toString()));
            }
            if (endOfStream) {
                end(streamId, null);
            }
        }

        @Override
        public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean endOfStream) {
            int length = data.readableBytes();
            SseConnection stream = streams.get(streamId);
            if (stream != null) {
                if (scratch.length < length) {
                    scratch = new byte[length];
                }
                data.getBytes(data.readerIndex(), scratch, 0, length);
                stream.feed(scratch, 0, length);
                if (endOfStream) {
                    end(streamId, null);
                }
            }
            // Consumed at once: the window opens again as fast as the bytes arrive.
            return length + padding;
        }

        @Override
        public void onRstStreamRead(ChannelHandlerContext ctx, int streamId, long errorCode) {
            end(streamId, "reset " + errorCode);
        }

        private void end(int streamId, String error) {
            SseConnection stream = streams.remove(streamId);
            if (stream != null) {
                if (error != null) {
                    stream.error = error;
                }
                stream.ended = true;
            }
        }

        void ended() {
            streams.values().forEach(stream -> stream.ended = true);
            streams.clear();
        }

        /** The HTTP/2 form of an HTTP/1.1 request's head: pseudo-headers, lower-case names. */
        private static Http2Headers headers(String http1) {
            String[] lines = http1.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            Http2Headers headers = new DefaultHttp2Headers()
                    .method(requestLine[0])
                    .path(requestLine[1])
                    .scheme("http");
            for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
                int colon = lines[i].indexOf(':');
                String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).trim();
                if (name.equals("host")) {
                    headers.authority(value);
                } else if (!HOP_BY_HOP.contains(name)) {
                    headers.add(name, value);
                }
            }
            return headers;
        }
    }
}
