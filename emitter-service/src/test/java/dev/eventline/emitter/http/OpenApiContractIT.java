package dev.eventline.emitter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.emitter.EmitterHarness;
import dev.eventline.testkit.contract.ExternalRefs;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI file against the running app: it is served, every request example answers the status
 * it declares, every answered status is documented with the media type the app sends, and every
 * documented required property is in the body.
 */
@ExtendWith(KafkaBrokerExtension.class)
class OpenApiContractIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @SuppressWarnings("unchecked")
    void everyExampleAnswersItsDocumentedStatusMediaTypeAndRequiredFields(TestKafka kafka) throws Exception {
        Map<String, Object> spec;
        try (InputStream in = getClass().getResourceAsStream("/openapi/emitter.yaml")) {
            spec = new Yaml().load(in);
        }
        try (EmitterHarness emitter = new EmitterHarness(kafka, Map.of())) {
            HttpResponse<String> served = emitter.get("/openapi/emitter.yaml");
            assertEquals(200, served.statusCode());
            assertEquals(spec, new Yaml().load(served.body()));
            ExternalRefs.Result refs = ExternalRefs.check(
                    spec,
                    URI.create(emitter.url() + "/openapi/emitter.yaml"),
                    uri -> emitter.get(uri.getRawPath()).statusCode() == 200
                            ? emitter.get(uri.getRawPath()).body()
                            : null);
            assertFalse(refs.followed().isEmpty(), "the event schema comes from the generated JSON Schemas");
            assertEquals(List.of(), refs.broken());

            Map<String, Object> operation = (Map<String, Object>) path(spec, "paths", "/v1/events", "post");
            Map<String, Object> examples =
                    (Map<String, Object>) path(operation, "requestBody", "content", "application/json", "examples");
            assertFalse(examples.isEmpty());
            for (Map.Entry<String, Object> example : examples.entrySet()) {
                Map<String, Object> body = (Map<String, Object>) example.getValue();
                String json = JSON.writeValueAsString(body.get("value"));
                HttpResponse<String> response = emitter.post(json, emitter.producerToken());
                assertEquals(
                        body.get("x-expect-status"), response.statusCode(), example.getKey() + ": " + response.body());
                checkDocumented(spec, operation, response, example.getKey());
            }
            checkDocumented(spec, operation, emitter.post("{}", null), "no token");
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkDocumented(
            Map<String, Object> spec, Map<String, Object> operation, HttpResponse<String> response, String what)
            throws Exception {
        Map<String, Object> documented =
                (Map<String, Object>) path(operation, "responses", String.valueOf(response.statusCode()));
        assertNotNull(documented, what + ": status " + response.statusCode() + " is not documented");
        String mediaType =
                response.headers().firstValue("content-type").orElse("").split(";")[0];
        Map<String, Object> content = (Map<String, Object>) path(documented, "content", mediaType);
        assertNotNull(content, what + ": media type " + mediaType + " is not documented for " + response.statusCode());
        assertTrue(
                satisfies(spec, (Map<String, Object>) content.get("schema"), JSON.readTree(response.body())),
                what + ": body lacks a required property: " + response.body());
    }

    @SuppressWarnings("unchecked")
    private static boolean satisfies(Map<String, Object> spec, Map<String, Object> schema, JsonNode body) {
        if (schema.containsKey("$ref")) {
            String[] ref = ((String) schema.get("$ref")).substring(2).split("/");
            return satisfies(spec, (Map<String, Object>) path(spec, ref), body);
        }
        if (schema.containsKey("oneOf")) {
            return ((List<Map<String, Object>>) schema.get("oneOf")).stream().anyMatch(s -> satisfies(spec, s, body));
        }
        for (String required : (List<String>) schema.getOrDefault("required", List.of())) {
            if (!body.has(required)) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> root, String... keys) {
        Object node = root;
        for (String key : keys) {
            node = node instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(key) : null;
        }
        return node;
    }
}
