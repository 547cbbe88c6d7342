package dev.eventline.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HeadGuardTest {

    private final EmbeddedChannel channel = guarded();

    @Test
    void anUnknownTransferCodingIsRefusedAndTheBodyIsNeverParsedAsASecondRequest() {
        String smuggled = "POST /v1/events HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\n\r\n"
                + "GET /admin HTTP/1.1\r\nHost: x\r\n\r\n";
        channel.writeInbound(ascii(smuggled));
        assertNull(channel.readInbound(), "nothing reaches the application");
        String answer = outbound();
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("unsupported-transfer-encoding"), answer);
        assertFalse(channel.isOpen());
    }

    @Test
    void chunkedRequestsPass() {
        channel.writeInbound(
                ascii("POST /v1/events HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
        assertInstanceOf(HttpRequest.class, channel.readInbound());
        assertTrue(channel.isOpen());
    }

    @Test
    void aHeadThatDoesNotCompleteInTimeGets408AndTheConnectionCloses() {
        channel.writeInbound(ascii("GET /v1/stream HTTP/1.1\r\nHost: x\r\n"));
        channel.advanceTimeBy(9, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertTrue(channel.isOpen());
        channel.writeInbound(ascii("X-Slow: 1\r\n"));
        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertTrue(outbound().startsWith("HTTP/1.1 408"), "more bytes do not extend the head's time");
        assertFalse(channel.isOpen());
    }

    @Test
    void aRequestBeingAnsweredIsNeverTimedOutAndAnIdleConnectionClosesAfterTheKeepAliveTimeout() {
        channel.writeInbound(ascii("GET /v1/stream HTTP/1.1\r\nHost: x\r\n\r\n"));
        ReferenceCountUtil.release(channel.readInbound());
        channel.advanceTimeBy(1, TimeUnit.HOURS);
        channel.runScheduledPendingTasks();
        assertTrue(channel.isOpen(), "a stream may last hours");

        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT));
        outbound();
        channel.advanceTimeBy(59, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertTrue(channel.isOpen());
        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertFalse(channel.isOpen());
    }

    @Test
    void aConnectionThatTurnsToHttp2LosesTheGuardInsteadOfGetting408() {
        // h2c by prior knowledge: the codec leaves before any HTTP/1.1 request was decoded.
        channel.pipeline().remove(HttpServerCodec.class);
        channel.advanceTimeBy(11, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertTrue(channel.isOpen(), "an HTTP/2 connection has no HTTP/1.1 head to wait for");
        assertEquals("", outbound(), "no HTTP/1.1 answer on an HTTP/2 connection");
        assertEquals(
                List.of(),
                channel.pipeline().names().stream()
                        .filter(name -> !name.startsWith("DefaultChannelPipeline$TailContext"))
                        .toList());
    }

    private static EmbeddedChannel guarded() {
        HeadGuard guard = new HeadGuard(Duration.ofSeconds(10), Duration.ofSeconds(60));
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(guard.bytes(), new HttpServerCodec(), guard.messages());
        return channel;
    }

    private String outbound() {
        StringBuilder text = new StringBuilder();
        for (Object out; (out = channel.readOutbound()) != null; ) {
            ByteBuf bytes = (ByteBuf) out;
            text.append(bytes.toString(StandardCharsets.US_ASCII));
            bytes.release();
        }
        return text.toString();
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }
}
