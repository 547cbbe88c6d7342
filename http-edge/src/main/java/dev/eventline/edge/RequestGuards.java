package dev.eventline.edge;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import jakarta.inject.Singleton;

/**
 * Puts a {@link HeadGuard} around the HTTP/1.1 codec of every connection: request heads must arrive
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

        @Override
        public void onStreamPipelineBuilt() {
            if (channel == null) {
                return;
            }
            ChannelPipeline pipeline = channel.pipeline();
            String codec = ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC;
            if (pipeline.get(codec) == null || pipeline.get(BYTES) != null) {
                return;
            }
            HeadGuard guard = new HeadGuard(settings.getRequestHeadTimeout(), settings.getKeepAliveTimeout());
            pipeline.addBefore(codec, BYTES, guard.bytes());
            pipeline.addAfter(codec, MESSAGES, guard.messages());
        }
    }
}
