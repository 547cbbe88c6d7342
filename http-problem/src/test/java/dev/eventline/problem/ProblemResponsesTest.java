package dev.eventline.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemResponsesTest {

    @Test
    void aProblemIsAnsweredWithItsStatusAndTheProblemMediaType() {
        HttpResponse<Problem> response = new ProblemExceptionHandler()
                .handle(
                        HttpRequest.GET("/v1/stream"),
                        ProblemException.of(400, "invalid-cursor", "Invalid cursor", "x"));
        assertEquals(HttpStatus.BAD_REQUEST, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getContentType().orElseThrow().toString());
        Problem body = response.body();
        assertEquals("urn:eventline:problem:invalid-cursor", body.type());
        assertEquals("x", body.detail());
        assertNull(response.getHeaders().get("Retry-After"), "no Retry-After unless asked");
    }

    @Test
    void retryAfterIsWholeSecondsAndNeverZero() {
        HttpResponse<Problem> soon = new ProblemExceptionHandler()
                .handle(
                        HttpRequest.GET("/"),
                        ProblemException.unavailable("saturated", "busy", Duration.ofMillis(200)));
        assertEquals("1", soon.getHeaders().get("Retry-After"), "a client told 0 would retry at once");
        HttpResponse<Problem> later = new ProblemExceptionHandler()
                .handle(HttpRequest.GET("/"), ProblemException.tooMany("limit", "slow down", Duration.ofSeconds(7)));
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, later.getStatus());
        assertEquals("7", later.getHeaders().get("Retry-After"));
    }

    @Test
    void anInvalidRequestNamesEveryWrongField() {
        List<Problem.InvalidField> fields =
                List.of(new Problem.InvalidField("/payload/progress", "must be at most 100"));
        Problem problem = ProblemException.invalid("invalid-event", "Invalid event", "1 field", fields)
                .problem();
        assertEquals(400, problem.status());
        assertEquals(fields, problem.errors());
    }

    @Test
    void aFrameworkErrorGetsASlugFromItsReason() {
        Problem problem = new FrameworkProblems()
                .body(ErrorContext.builder(HttpRequest.GET("/nowhere")).build(), HttpResponse.notFound());
        assertEquals(404, problem.status());
        assertEquals("urn:eventline:problem:not-found", problem.type());
        assertNull(problem.traceId());
    }

    @Test
    void anInternalErrorShowsATraceIdAndNothingOfTheCause() {
        IllegalStateException cause = new IllegalStateException("password=hunter2 in a stack trace");
        Problem problem = new FrameworkProblems()
                .body(
                        ErrorContext.builder(HttpRequest.GET("/v1/events"))
                                .cause(cause)
                                .build(),
                        HttpResponse.serverError());
        assertEquals(500, problem.status());
        assertNotNull(problem.traceId());
        assertFalse(problem.detail().contains("hunter2"));
        assertTrue(problem.detail().contains("trace id"));
    }
}
