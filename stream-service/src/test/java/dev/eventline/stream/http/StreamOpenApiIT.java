package dev.eventline.stream.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.eventline.stream.support.StreamHarness;
import dev.eventline.testkit.contract.ExternalRefs;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import dev.eventline.testkit.sse.SseClient;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;

/** The stream's OpenAPI file against the running app: served, and every answer documented as sent. */
@ExtendWith(KafkaBrokerExtension.class)
class StreamOpenApiIT {

    @Test
    void theGeneratedAsyncApiAndJsonSchemasAreServedWithoutAToken(TestKafka kafka) throws Exception {
        try (StreamHarness stream = new StreamHarness(kafka, Map.of());
                InputStream asyncApi = getClass().getResourceAsStream("/asyncapi/eventline.yaml");
                InputStream jsonSchemas = getClass().getResourceAsStream("/jsonschema/events.json")) {
            HttpResponse<String> document = stream.get("/asyncapi/eventline.yaml", null);
            assertEquals(200, document.statusCode());
            assertEquals(new String(asyncApi.readAllBytes(), StandardCharsets.UTF_8), document.body());
            HttpResponse<String> schemas = stream.get("/jsonschema/events.json", null);
            assertEquals(200, schemas.statusCode());
            assertEquals(new String(jsonSchemas.readAllBytes(), StandardCharsets.UTF_8), schemas.body());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAnswerOfTheStreamIsDocumentedWithItsMediaType(TestKafka kafka) throws Exception {
        Map<String, Object> spec;
        try (InputStream in = getClass().getResourceAsStream("/openapi/stream.yaml")) {
            spec = new Yaml().load(in);
        }
        Map<String, Object> responses = (Map<String, Object>) ((Map<String, Object>)
                        ((Map<String, Object>) ((Map<String, Object>) spec.get("paths")).get("/v1/stream")).get("get"))
                .get("responses");
        try (StreamHarness stream = new StreamHarness(kafka, Map.of())) {
            assertEquals(
                    spec,
                    new Yaml().load(stream.get("/openapi/stream.yaml", null).body()));
            ExternalRefs.Result refs = ExternalRefs.check(spec, URI.create(stream.url("/openapi/stream.yaml")), uri -> {
                HttpResponse<String> document = stream.get(uri.getRawPath(), null);
                return document.statusCode() == 200 ? document.body() : null;
            });
            assertEquals(2, refs.followed().size(), "pages and snapshots carry the generated event schemas");
            assertEquals(List.of(), refs.broken());
            String teacher = stream.token("t", "tenant-x", "teacher");
            List<HttpResponse<String>> refusals = List.of(
                    stream.get("/v1/stream?topics=assignments", null),
                    stream.get("/v1/stream?topics=assignments", stream.token("p", "tenant-x", "pupil")),
                    stream.get("/v1/stream?topics=nope", teacher),
                    stream.get("/v1/stream?topics=assignments&last_event_id=bad", teacher));
            for (HttpResponse<String> response : refusals) {
                documented(
                        responses,
                        response.statusCode(),
                        response.headers().firstValue("content-type").orElse(""));
            }
            Map<String, Object> replay = (Map<String, Object>) ((Map<String, Object>)
                            ((Map<String, Object>) ((Map<String, Object>) spec.get("paths")).get("/v1/events"))
                                    .get("get"))
                    .get("responses");
            for (HttpResponse<String> response : List.of(
                    stream.get("/v1/events?topics=assignments", teacher),
                    stream.get("/v1/events?topics=assignments", null),
                    stream.get("/v1/events?topics=assignments&limit=0", teacher),
                    stream.get("/v1/events?topics=assignments", stream.token("p", "tenant-x", "pupil")),
                    stream.get("/v1/events?topics=nope", teacher))) {
                documented(
                        replay,
                        response.statusCode(),
                        response.headers().firstValue("content-type").orElse(""));
            }
            Map<String, Object> snapshot = (Map<String, Object>) ((Map<String, Object>)
                            ((Map<String, Object>) ((Map<String, Object>) spec.get("paths")).get("/v1/snapshot"))
                                    .get("get"))
                    .get("responses");
            for (HttpResponse<String> response : List.of(
                    stream.get("/v1/snapshot?topics=assignments", teacher),
                    stream.get("/v1/snapshot?topics=assignments", null),
                    stream.get("/v1/snapshot?topics=assignments", stream.token("p", "tenant-x", "pupil")),
                    stream.get("/v1/snapshot?topics=nope", teacher))) {
                documented(
                        snapshot,
                        response.statusCode(),
                        response.headers().firstValue("content-type").orElse(""));
            }
            try (SseClient ok = SseClient.connect(stream.url("/v1/stream?topics=assignments"), teacher)) {
                ok.next(Duration.ofSeconds(20));
                documented(
                        responses,
                        ok.response().statusCode(),
                        ok.response().headers().firstValue("content-type").orElse(""));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void documented(Map<String, Object> responses, int status, String mediaType) {
        Map<String, Object> response = (Map<String, Object>) responses.get(String.valueOf(status));
        assertNotNull(response, "status " + status + " is not documented");
        assertNotNull(
                ((Map<String, Object>) response.get("content")).get(mediaType.split(";")[0]),
                mediaType + " is not documented for " + status);
    }
}
