package dev.eventline.testkit.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;

/** The shape every refusal of the platform has: a 4xx, {@code application/problem+json}, a problem type. */
public final class Problems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {}

    /** Asserts that {@code response} is a problem+json 4xx whose status matches its body's. */
    public static void assertProblem(HttpResponse<String> response, String what) throws IOException {
        int status = response.statusCode();
        assertTrue(status >= 400 && status < 500, what + ": " + status + " " + response.body());
        assertEquals(
                "application/problem+json",
                response.headers().firstValue("Content-Type").orElse("").split(";")[0],
                what);
        JsonNode problem = JSON.readTree(response.body());
        assertTrue(problem.path("type").asText().startsWith("urn:eventline:problem:"), what + ": " + response.body());
        assertEquals(status, problem.path("status").asInt(), what);
    }
}
