package dev.eventline.testkit.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SseConnectionTest {

    private static final String HEAD = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n";

    @Test
    void readsEveryEventWhereverAReadEnds() {
        String response = HEAD + "\r\n" + events(0, 3);
        forEverySplit(response, c -> {
            assertTrue(c.opened);
            assertEquals(4, c.received);
            assertEquals(3, c.last);
            assertEquals(0, c.missing);
            assertEquals(0, c.duplicates);
            assertEquals("0-3", c.lastId);
            return null;
        });
    }

    @Test
    void readsChunkedEventsWhereverAReadOrAChunkEnds() {
        String body = events(10, 12);
        int half = body.length() / 2 + 3;
        String response = HEAD + "transfer-encoding: chunked\r\n\r\n" + chunk(body.substring(0, half))
                + chunk(body.substring(half)) + "0\r\n\r\n";
        forEverySplit(response, c -> {
            assertEquals(3, c.received);
            assertEquals(12, c.last);
            assertEquals(0, c.missing);
            assertTrue(c.ended);
            return null;
        });
    }

    @Test
    void countsSkippedEventsAsMissingAndRepeatedOnesAsDuplicates() {
        SseConnection connection = new SseConnection(new Latencies(), false);
        feed(connection, HEAD + "\r\n" + events(0, 1) + events(4, 4) + events(4, 4) + events(2, 2));
        assertEquals(5, connection.received);
        assertEquals(2, connection.missing);
        assertEquals(2, connection.duplicates);
        assertEquals(4, connection.last);
    }

    @Test
    void recordsALatencyPerEventAndRemembersTheEndTheServerAnnounced() {
        Latencies latencies = new Latencies();
        SseConnection connection = new SseConnection(latencies, false);
        feed(connection, HEAD + "\r\n" + events(0, 4) + "event: reset\ndata: {}\n\n");
        assertEquals(5, latencies.count());
        assertTrue(latencies.max() < 60_000);
        assertEquals("reset", connection.endEvent);
    }

    @Test
    void keepsTheRefusalStatus() {
        SseConnection connection = new SseConnection(new Latencies(), false);
        feed(connection, "HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n");
        assertEquals(403, connection.status);
        assertEquals(false, connection.opened);
    }

    private static void forEverySplit(String response, Function<SseConnection, Void> check) {
        byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= bytes.length; split++) {
            SseConnection connection = new SseConnection(new Latencies(), true);
            connection.feed(bytes, 0, split);
            connection.feed(bytes, split, bytes.length);
            check.apply(connection);
        }
    }

    private static void feed(SseConnection connection, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        connection.feed(bytes, 0, bytes.length);
    }

    private static String events(long from, long to) {
        StringBuilder out = new StringBuilder();
        for (long s = from; s <= to; s++) {
            out.append("id: 0-")
                    .append(s)
                    .append("\r\nevent: assignment.created\r\ndata: {\"recordId\":\"s-")
                    .append(s)
                    .append("\",\"emittedAt\":\"")
                    .append(Instant.now())
                    .append("\"}\r\n\r\n");
        }
        return out.toString();
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + data + "\r\n";
    }
}
