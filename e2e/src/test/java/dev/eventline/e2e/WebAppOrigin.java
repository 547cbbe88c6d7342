package dev.eventline.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * A web app on an origin of its own, as production has one: its page ({@code /}) and its backend's
 * token endpoint ({@code /token}, answering the signed-in user's current token as text, minted by
 * the identity provider). The page talks to the Eventline services on their own origins.
 */
final class WebAppOrigin implements AutoCloseable {

    private final HttpServer server;

    /** Serves {@code page} (asked for on each load) and {@code token} (on each call). */
    WebAppOrigin(Supplier<String> page, Supplier<String> token) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", exchange -> answer(exchange, "text/plain", token.get()));
        server.createContext("/", exchange -> answer(exchange, "text/html; charset=utf-8", page.get()));
        server.start();
    }

    /** The origin, e.g. {@code http://127.0.0.1:40123}. */
    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, String type, String body) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
