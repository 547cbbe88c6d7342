package dev.eventline.problem;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Renders {@link ProblemException} as problem+json, with Retry-After when it says so. Stateless. */
@Singleton
@Requires(classes = ProblemException.class)
public final class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {

    @Override
    @SuppressWarnings("rawtypes") // ExceptionHandler declares the raw type
    public HttpResponse<Problem> handle(HttpRequest request, ProblemException exception) {
        return respond(
                exception.problem(),
                exception.retryAfter() == null ? -1 : exception.retryAfter().toSeconds());
    }

    /** A problem response; {@code retryAfterSeconds} below 0 means no Retry-After header. */
    public static MutableHttpResponse<Problem> respond(Problem problem, long retryAfterSeconds) {
        MutableHttpResponse<Problem> response = HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status()))
                .contentType(Problem.MEDIA_TYPE)
                .body(problem);
        if (retryAfterSeconds >= 0) {
            response.header("Retry-After", String.valueOf(Math.max(1, retryAfterSeconds)));
        }
        return response;
    }
}
