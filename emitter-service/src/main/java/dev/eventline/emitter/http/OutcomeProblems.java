package dev.eventline.emitter.http;

import dev.eventline.emitter.ingest.EmitOutcome;
import dev.eventline.problem.Problem;
import dev.eventline.problem.ProblemExceptionHandler;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The answer, and so the HTTP status, of each kind of {@link EmitOutcome}, the problem body of each
 * unsuccessful one: the one place where the use case's outcomes and refusals become statuses. Both are taken apart exhaustively
 * (the outcome's {@code match}, switches without a default), so a new kind does not compile until it
 * is given its status and title here.
 */
final class OutcomeProblems {

    private OutcomeProblems() {}

    /**
     * The answer to one emitted event: 201 with its receipt ({@code Idempotent-Replayed: true} when an
     * earlier request wrote it), else its problem, with {@code retryAfter} when retrying can help.
     */
    static MutableHttpResponse<?> answer(EmitOutcome outcome, Duration retryAfter) {
        return outcome.match(
                accepted -> {
                    MutableHttpResponse<?> response = HttpResponse.created(ReceiptBody.of(accepted, null));
                    return accepted.replayed() ? response.header("Idempotent-Replayed", "true") : response;
                },
                notWritten -> respond(notWritten, retryAfter));
    }

    /** The problem answer of an event that was not written; Retry-After only when it was unavailable. */
    static MutableHttpResponse<?> respond(EmitOutcome.NotWritten outcome, Duration retryAfter) {
        long seconds = outcome.match(rejected -> -1L, unavailable -> retryAfter.toSeconds(), failed -> -1L);
        return ProblemExceptionHandler.respond(of(outcome), seconds);
    }

    /** The problem of an event that was not written. */
    static Problem of(EmitOutcome.NotWritten outcome) {
        return outcome.match(
                rejected -> new Problem(
                        Problem.type(rejected.reason()),
                        titleOf(rejected.refusal()),
                        statusOf(rejected.refusal()),
                        rejected.detail(),
                        null,
                        rejected.errors().stream()
                                .map(e -> new Problem.InvalidField(e.pointer(), e.reason()))
                                .toList()),
                unavailable -> new Problem(
                        Problem.type(unavailable.reason()),
                        "Service temporarily unavailable",
                        503,
                        unavailable.detail() + "; nothing was written, retry later",
                        null,
                        List.of()),
                failed -> new Problem(
                        Problem.type(failed.reason()),
                        "Internal error",
                        500,
                        "the event was not written; quote the trace id when reporting it",
                        failed.traceId(),
                        List.of()));
    }

    /** The HTTP status of a refusal. */
    static int statusOf(EmitOutcome.Refusal refusal) {
        return switch (refusal) {
            case INVALID_EVENT -> 400;
            case FORBIDDEN -> 403;
            case KEY_REUSED -> 409;
            case TOO_LARGE -> 413;
        };
    }

    private static String titleOf(EmitOutcome.Refusal refusal) {
        return switch (refusal) {
            case INVALID_EVENT -> "The request is not a valid event";
            case FORBIDDEN -> "Forbidden";
            case KEY_REUSED -> "Idempotency key reused";
            case TOO_LARGE -> "Event too large";
        };
    }
}
