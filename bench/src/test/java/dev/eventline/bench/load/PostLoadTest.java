package dev.eventline.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PostLoadTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsEveryScheduledRequestAndCountsAnswersByStatus() throws IOException {
        AtomicInteger seen = new AtomicInteger();
        serve(exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = new String(body, StandardCharsets.UTF_8).endsWith("7") ? 400 : 201;
            seen.incrementAndGet();
            answer(exchange, status);
        });

        PostLoad.Result result = load().run(200, Duration.ofMillis(500), PostLoadTest::request);

        assertEquals(100, seen.get());
        assertEquals(90, result.count(201));
        assertEquals(10, result.count(400));
        assertEquals(100, result.latencies().length);
        assertEquals(100, result.late().length);
        assertTrue(result.late()[0] >= 0 && result.latePercentileMillis(1.0) <= result.percentileMillis(1.0));
    }

    @Test
    void aStalledServerCountsAgainstEveryRequestItDelayed() throws IOException {
        // One connection: while the server sleeps 300 ms, the requests scheduled every 10 ms wait in
        // the generator, and each one's latency still runs from when it was scheduled.
        serveHoldingTheFirstRequest(300);

        PostLoad.Result result = new PostLoad("127.0.0.1", server.getAddress().getPort(), 1)
                .run(100, Duration.ofMillis(500), PostLoadTest::request);

        assertEquals(50, result.count(201));
        long delayed = Arrays.stream(result.latencies())
                .filter(nanos -> nanos >= 100_000_000L)
                .count();
        // Requests scheduled in the first 200 ms of the stall waited at least 100 ms each: about 20.
        assertTrue(delayed >= 15, "requests charged with the stall: " + delayed);
    }

    @Test
    void keepsEachRequestsLatencyInTheOrderTheyWereScheduled() throws IOException {
        // The server holds only the first request; with spare connections the others pass it, so
        // in schedule order the slow one is the first and no other.
        serveHoldingTheFirstRequest(300);

        long[] byRequest =
                load().run(100, Duration.ofMillis(300), PostLoadTest::request).byRequest();

        assertEquals(30, byRequest.length);
        assertTrue(byRequest[0] >= 300_000_000L, "first request: " + byRequest[0]);
        long slowOthers = Arrays.stream(byRequest, 1, byRequest.length)
                .filter(nanos -> nanos >= 300_000_000L)
                .count();
        assertEquals(0, slowOthers);
    }

    @Test
    void aConnectionTheServerDropsIsAFailedRequestNotAHang() throws IOException {
        serve(exchange -> {
            exchange.getRequestBody().readAllBytes();
            // No response: closing the exchange without one drops the connection.
            exchange.close();
        });

        PostLoad.Result result = load().run(50, Duration.ofMillis(200), PostLoadTest::request);

        assertEquals(10, result.count(0));
        assertEquals(0, result.latencies().length);
        assertTrue(Arrays.stream(result.byRequest()).allMatch(nanos -> nanos == -1));
    }

    /** Answers 201 at once, except the first request, which it holds {@code millis} first. */
    private void serveHoldingTheFirstRequest(long millis) throws IOException {
        AtomicInteger calls = new AtomicInteger();
        serve(exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (calls.incrementAndGet() == 1) {
                sleep(millis);
            }
            answer(exchange, 201);
        });
    }

    private PostLoad load() {
        return new PostLoad("127.0.0.1", server.getAddress().getPort(), 8);
    }

    private void serve(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", handler);
        server.start();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status) throws IOException {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static byte[] request(int i) {
        String body = "event-" + i;
        return ("POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: "
                        + body.length() + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
