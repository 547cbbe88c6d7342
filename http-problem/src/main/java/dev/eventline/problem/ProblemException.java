package dev.eventline.problem;

import java.time.Duration;
import java.util.List;

/**
 * An API's own errors, rendered by {@link ProblemExceptionHandler}. Thrown on the request
 * thread; carries everything the response needs.
 */
public final class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;
    private final Duration retryAfter;

    /** A problem, with a Retry-After for 503s (null otherwise). */
    public ProblemException(Problem problem, Duration retryAfter) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    /** 400 naming every wrong field of the request. */
    public static ProblemException invalid(
            String slug, String title, String detail, List<Problem.InvalidField> errors) {
        return new ProblemException(new Problem(Problem.type(slug), title, 400, detail, null, errors), null);
    }

    /** Any status with a slug and texts. */
    public static ProblemException of(int status, String slug, String title, String detail) {
        return new ProblemException(new Problem(Problem.type(slug), title, status, detail, null, List.of()), null);
    }

    /** 503 with the time to wait. */
    public static ProblemException unavailable(String slug, String detail, Duration retryAfter) {
        return new ProblemException(
                new Problem(Problem.type(slug), "Service temporarily unavailable", 503, detail, null, List.of()),
                retryAfter);
    }

    /** 429 with the time to wait. */
    public static ProblemException tooMany(String slug, String detail, Duration retryAfter) {
        return new ProblemException(
                new Problem(Problem.type(slug), "Too many requests", 429, detail, null, List.of()), retryAfter);
    }

    /** The body. */
    public Problem problem() {
        return problem;
    }

    /** How long clients should wait before retrying, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
