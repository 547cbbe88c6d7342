package dev.eventline.stream.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2RemoteFlowController;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.util.AttributeKey;

/**
 * The direct writer's hold on one HTTP/2 connection: which of its streams are event streams
 * ({@link DirectHttp2Sink}), and the two connection events they wait for: a stream's flow-control
 * window (or the connection's buffer) opening again, and a stream closing, whether ended, reset by the
 * client or gone with the connection.
 *
 * <p>One per connection, made by the first event stream on it and kept as a channel attribute. The
 * framework sets no flow-control listener of its own (it writes its responses through its own demand),
 * so the connection's single listener slot is this one's. Threading: event loop only.
 */
final class Http2Streams extends Http2ConnectionAdapter implements Http2RemoteFlowController.Listener {

    private static final AttributeKey<Http2Streams> KEY = AttributeKey.valueOf(Http2Streams.class, "streams");

    private final Http2Connection connection;
    private final Http2Connection.PropertyKey sinkKey;
    private final Http2RemoteFlowController flow;

    private Http2Streams(Http2Connection connection) {
        this.connection = connection;
        this.sinkKey = connection.newKey();
        this.flow = connection.remote().flowController();
    }

    /** The registry of {@code ctx}'s connection, made on first use; event loop only. */
    static Http2Streams of(ChannelHandlerContext ctx, Http2ConnectionHandler handler) {
        Http2Streams streams = ctx.channel().attr(KEY).get();
        if (streams == null) {
            streams = new Http2Streams(handler.connection());
            streams.connection.addListener(streams);
            streams.flow.listener(streams);
            ctx.channel().attr(KEY).set(streams);
        }
        return streams;
    }

    /** {@code stream} is written by {@code sink} from now on. */
    void attach(Http2Stream stream, DirectHttp2Sink sink) {
        stream.setProperty(sinkKey, sink);
    }

    /** Whether {@code stream} can take more bytes now: window left and the connection writable. */
    boolean writable(Http2Stream stream) {
        return flow.isWritable(stream);
    }

    @Override
    public void writabilityChanged(Http2Stream stream) {
        DirectHttp2Sink sink = stream.getProperty(sinkKey);
        if (sink != null && flow.isWritable(stream)) {
            sink.demanded();
        }
    }

    @Override
    public void onStreamClosed(Http2Stream stream) {
        DirectHttp2Sink sink = stream.removeProperty(sinkKey);
        if (sink != null) {
            sink.closed();
        }
    }
}
