package dev.eventline.emitter.http;

import static dev.eventline.emitter.EmitterHarness.assignment;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eventline.emitter.EmitterHarness;
import dev.eventline.infra.tls.DevCertificate;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Producers over HTTP/2: the emitter serves h2 over TLS (ALPN) with a certificate, and concurrent
 * emits share one connection as streams; answers, refusals included, are the same as over HTTP/1.1.
 */
@ExtendWith(KafkaBrokerExtension.class)
class EmitOverHttp2IT {

    @TempDir
    static Path folder;

    @Test
    void emitsAndRefusalsOverH2WithConcurrentEmitsOnOneConnection(TestKafka kafka) throws Exception {
        DevCertificate certificate = DevCertificate.create(folder.resolve("localhost.p12"));
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .sslContext(certificate.trustingContext())
                .build();
        try (EmitterHarness emitter = new EmitterHarness(kafka, certificate.serverSettings(), http)) {
            String token = emitter.producerToken();
            HttpResponse<String> created = emitter.post(assignment("h2-1", "over HTTP/2"), token);
            assertEquals(201, created.statusCode(), created.body());
            assertEquals(HttpClient.Version.HTTP_2, created.version());

            HttpResponse<String> refused = emitter.post("{\"type\":\"assignment.created\"}", token);
            assertEquals(400, refused.statusCode());
            assertEquals(
                    "application/problem+json",
                    refused.headers().firstValue("content-type").orElse(""));

            List<CompletableFuture<HttpResponse<String>>> concurrent = IntStream.range(0, 20)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> emitter.post(assignment("h2-c" + i, "concurrent"), token)))
                    .toList();
            for (CompletableFuture<HttpResponse<String>> answer : concurrent) {
                assertEquals(201, answer.get().statusCode(), answer.get().body());
                assertEquals(HttpClient.Version.HTTP_2, answer.get().version());
            }
        }
    }

    @Test
    void aFullBatchArrivingAsAnH2cUpgradeIsWritten(TestKafka kafka) throws Exception {
        try (EmitterHarness emitter = new EmitterHarness(kafka, Map.of())) {
            String batch = IntStream.range(0, 500)
                    .mapToObj(i -> assignment("h2c-" + i, "A".repeat(90)))
                    .collect(Collectors.joining(",", "[", "]"));
            // A client's first request on plaintext asks for h2c: the whole batch is the upgrade
            // request's body (Java's HttpClient does this by default).
            HttpClient fresh =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
            HttpResponse<String> written = fresh.send(
                    HttpRequest.newBuilder(emitter.url().resolve("/v1/events"))
                            .header("Authorization", "Bearer " + emitter.producerToken())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(batch))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, written.statusCode(), written.body());
        }
    }
}
