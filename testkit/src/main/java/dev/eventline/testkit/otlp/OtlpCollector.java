package dev.eventline.testkit.otlp;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * An OpenTelemetry collector's OTLP/HTTP traces endpoint, as far as the services can tell: it accepts
 * {@code POST /v1/traces} with protobuf bodies and keeps them. OTLP carries trace ids as 16 raw bytes
 * and names as UTF-8, so a test asks whether an id or a name was exported without decoding protobuf.
 * Thread-safe.
 */
public final class OtlpCollector implements AutoCloseable {

    private final HttpServer server;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    /** Listens on a free port of 127.0.0.1. */
    public OtlpCollector() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/traces", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean protobuf =
                    "application/x-protobuf".equals(exchange.getRequestHeaders().getFirst("Content-Type"));
            if (protobuf && "POST".equals(exchange.getRequestMethod())) {
                synchronized (received) {
                    received.writeBytes(body);
                }
            }
            exchange.sendResponseHeaders(protobuf ? 200 : 415, -1);
            exchange.close();
        });
        server.start();
    }

    /** The base URL services are given as {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Whether a span of trace {@code traceId} (32 hex digits) named {@code name} was exported. */
    public boolean received(String traceId, String name) {
        byte[] all;
        synchronized (received) {
            all = received.toByteArray();
        }
        return contains(all, HexFormat.of().parseHex(traceId)) && contains(all, name.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code text} was exported (a service's name, a span's). */
    public boolean received(String text) {
        byte[] all;
        synchronized (received) {
            all = received.toByteArray();
        }
        return contains(all, text.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
