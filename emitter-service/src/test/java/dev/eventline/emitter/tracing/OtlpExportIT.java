package dev.eventline.emitter.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.eventline.emitter.EmitterHarness;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With an OTLP endpoint configured, spans leave the process over OTLP/HTTP: a collector stand-in (the
 * JDK's HTTP server) receives protobuf at {@code /v1/traces} holding the caller's trace id and the
 * span names. Closing the service flushes what is still batched.
 */
@ExtendWith(KafkaBrokerExtension.class)
class OtlpExportIT {

    private static final String CALLER_TRACE = "0af7651916cd43dd8448eb211c80319c";

    /** One request the collector stand-in received. */
    private record Received(String path, String contentType, byte[] body) {}

    @Test
    void spansReachTheConfiguredCollectorOverOtlpHttp(TestKafka kafka) throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            received.add(new Received(
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try {
            EmitterHarness emitter = new EmitterHarness(
                    kafka,
                    Map.of(
                            "eventline.tracing.otlp-endpoint",
                            "http://127.0.0.1:" + collector.getAddress().getPort()));
            HttpResponse<String> written = emitter.post(
                    EmitterHarness.assignment("a-exported", "t"),
                    emitter.producerToken(),
                    "traceparent",
                    "00-" + CALLER_TRACE + "-b7ad6b7169203331-01");
            assertEquals(201, written.statusCode(), written.body());
            emitter.close();
        } finally {
            collector.stop(0);
        }

        assertTrue(!received.isEmpty(), "no export reached the collector");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Received request : received) {
            assertEquals("/v1/traces", request.path());
            assertEquals("application/x-protobuf", request.contentType());
            all.writeBytes(request.body());
        }
        byte[] exported = all.toByteArray();
        // OTLP carries trace ids as 16 raw bytes and names as UTF-8 strings.
        assertTrue(contains(exported, HexFormat.of().parseHex(CALLER_TRACE)), "the caller's trace id");
        assertTrue(contains(exported, "POST /v1/events".getBytes(StandardCharsets.UTF_8)));
        assertTrue(contains(exported, "publish assignments".getBytes(StandardCharsets.UTF_8)));
        assertTrue(contains(exported, "emitter-service".getBytes(StandardCharsets.UTF_8)), "the service's name");
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
}
