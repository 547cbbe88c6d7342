package dev.eventline.edge;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import jakarta.inject.Singleton;

/**
 * Puts a {@link HeadGuard} around the HTTP/1.1 codec of every connection (found by type: its name
 * differs when the port also accepts h2c): request heads must arrive
 * within {@code eventline.http.request-head-timeout}, idle keep-alive connections close after {@code
 * keep-alive-timeout}, and a request with a transfer coding other than {@code chunked} is refused
 * before anything reads its body (which the codec would otherwise parse as a second request).
 *
 * <p>Called once at start-up for the registry, then once per connection on its event loop.
 */
@Singleton
public final class RequestGuards implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    /** The handler before the codec: sees raw bytes. */
    static final String BYTES = "eventline-head-bytes";

    /** The handler after the codec: sees decoded requests and outgoing responses. */
    static final String MESSAGES = "eventline-head-messages";

    private final EdgeSettings settings;

    /** Guards as configured. */
    public RequestGuards(EdgeSettings settings) {
        this.settings = settings;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        NettyServerCustomizer.Registry registry = event.getBean();
        registry.register(new Customizer(null));
        return registry;
    }

    private final class Customizer implements NettyServerCustomizer {

        private final Channel channel;

        Customizer(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel connection, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new Customizer(connection) : this;
        }

        /** Plaintext with h2c: the codec is in place (under a name of its own) before the first byte. */
        @Override
        public void onInitialPipelineBuilt() {
            install();
        }

        /** HTTP/1.1 only, or after ALPN chose it: the codec came with the request pipeline. */
        @Override
        public void onStreamPipelineBuilt() {
            install();
        }

        private void install() {
            if (channel == null) {
                return;
            }
            ChannelPipeline pipeline = channel.pipeline();
            ChannelHandlerContext codec = pipeline.context(HttpServerCodec.class);
            if (codec == null || pipeline.get(BYTES) != null) {
                return;
            }
            HeadGuard guard = new HeadGuard(settings.getRequestHeadTimeout(), settings.getKeepAliveTimeout());
            pipeline.addBefore(codec.name(), BYTES, guard.bytes());
            pipeline.addAfter(codec.name(), MESSAGES, guard.messages());
        }
    }
}
