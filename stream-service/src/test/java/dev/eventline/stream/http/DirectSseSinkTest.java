package dev.eventline.stream.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.stream.subscription.SseFrame;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DirectSseSinkTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();

    private DirectSseSink takeOver() {
        return takeOver(Map.of());
    }

    private DirectSseSink takeOver(Map<String, String> headers) {
        channel.pipeline()
                .addLast("http-server-codec", new HttpServerCodec())
                .addLast("framework-request-handler", new ChannelInboundHandlerAdapter());
        DirectSseSink sink = DirectSseSink.takeOver(channel, headers).orElseThrow();
        channel.runPendingTasks();
        return sink;
    }

    @Test
    void theResponseHeadCarriesTheCrossOriginHeadersItIsGiven() {
        takeOver(Map.of("Access-Control-Allow-Origin", "http://localhost:3000"));
        String head = written();
        assertTrue(head.contains("\r\nAccess-Control-Allow-Origin: http://localhost:3000\r\n"), head);
        assertTrue(head.endsWith("\r\n\r\n"), head);
    }

    @Test
    void writesTheResponseHeadAndDropsTheFrameworksRequestHandling() {
        takeOver();
        assertTrue(written().startsWith("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"));
        assertNull(channel.pipeline().get("framework-request-handler"), "its objects would live as long as the stream");
    }

    @Test
    void writesEventFramesWithTheirOwnIdAndASharedBody() {
        DirectSseSink sink = takeOver();
        written();
        sink.send(SseFrame.event("assignment.created", "v1~assignments.0-1", "{\"a\":1}"));
        sink.flush();
        assertEquals("id: v1~assignments.0-1\nevent: assignment.created\ndata: {\"a\":1}\n\n", written());
    }

    @Test
    void aDrainsFramesLeaveInOrderWhenItFlushes() {
        DirectSseSink sink = takeOver();
        written();
        sink.send(SseFrame.event("assignment.created", "v1~assignments.0-1", "{\"a\":1}"));
        sink.send(SseFrame.event("assignment.created", "v1~assignments.0-2", "{\"a\":2}"));
        sink.send(SseFrame.event("assignment.created", "v1~assignments.0-3", "{\"a\":3}"));
        assertEquals("", written(), "nothing before the drain ends");
        sink.flush();
        assertEquals(2, channel.outboundMessages().size(), "the shared first frame, then one buffer for the rest");
        assertEquals(
                "id: v1~assignments.0-1\nevent: assignment.created\ndata: {\"a\":1}\n\n"
                        + "id: v1~assignments.0-2\nevent: assignment.created\ndata: {\"a\":2}\n\n"
                        + "id: v1~assignments.0-3\nevent: assignment.created\ndata: {\"a\":3}\n\n",
                written());
    }

    @Test
    void subscribersSendingTheSameEventWithTheSameIdShareOneBuffer() {
        DirectSseSink sink = takeOver();
        EmbeddedChannel neighbour = new EmbeddedChannel();
        neighbour.pipeline().addLast("http-server-codec", new HttpServerCodec());
        DirectSseSink neighbourSink =
                DirectSseSink.takeOver(neighbour, Map.of()).orElseThrow();
        neighbour.runPendingTasks();
        written();
        ((ByteBuf) neighbour.readOutbound()).release();
        SseFrame frame = SseFrame.event("assignment.created", "v1~assignments.0-9", "{\"a\":9}");

        sink.send(frame);
        sink.flush();
        neighbourSink.send(SseFrame.event(frame.event(), frame.id(), frame.data()));
        neighbourSink.flush();

        ByteBuf mine = channel.readOutbound();
        ByteBuf theirs = neighbour.readOutbound();
        // The same memory, not the same wrapper: Netty's leak detector wraps a sample of buffers.
        assertTrue(mine.hasMemoryAddress() && theirs.hasMemoryAddress());
        assertEquals(mine.memoryAddress(), theirs.memoryAddress(), "one copy of the frame's bytes");
        assertEquals(mine.toString(StandardCharsets.UTF_8), theirs.toString(StandardCharsets.UTF_8));
        mine.release();
        theirs.release();
        assertEquals(1, mine.unwrap().refCnt(), "the cache keeps its own reference until it evicts the frame");
        neighbour.finishAndReleaseAll();
    }

    @Test
    void aCloseFromTheFrameworkWaitsForTheStreamsGoodbye() {
        DirectSseSink sink = takeOver();
        written();
        channel.close();
        channel.runPendingTasks();
        assertTrue(channel.isActive(), "the framework's shutdown must not cut the stream before its last frame");
        sink.sendLast(SseFrame.event("shutdown", null, "{}"));
        channel.runPendingTasks();
        assertEquals("event: shutdown\ndata: {}\n\n", written());
        assertFalse(channel.isActive());
    }

    @Test
    void aBrokenConnectionClosesQuietly() {
        takeOver();
        channel.pipeline().fireExceptionCaught(new java.io.IOException("Broken pipe"));
        channel.runPendingTasks();
        assertFalse(channel.isActive());
        channel.checkException();
    }

    private String written() {
        StringBuilder out = new StringBuilder();
        for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
            out.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return out.toString();
    }
}
