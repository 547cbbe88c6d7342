package dev.eventline.emitter.http;

import dev.eventline.emitter.ingest.EmitOutcome;
import dev.eventline.problem.Problem;
import java.util.List;

/**
 * The problem body, and so the HTTP status, of each kind of unsuccessful {@link EmitOutcome}: the one
 * place where the use case's refusals become statuses. The switches over refusals have no default, so
 * a new refusal does not compile until it is given its status and title here.
 */
final class OutcomeProblems {

    private OutcomeProblems() {}

    static Problem of(EmitOutcome outcome) {
        if (outcome instanceof EmitOutcome.Rejected rejected) {
            return new Problem(
                    Problem.type(rejected.reason()),
                    titleOf(rejected.refusal()),
                    statusOf(rejected.refusal()),
                    rejected.detail(),
                    null,
                    rejected.errors().stream()
                            .map(e -> new Problem.InvalidField(e.pointer(), e.reason()))
                            .toList());
        }
        if (outcome instanceof EmitOutcome.Unavailable unavailable) {
            return new Problem(
                    Problem.type(unavailable.reason()),
                    "Service temporarily unavailable",
                    503,
                    unavailable.detail() + "; nothing was written, retry later",
                    null,
                    List.of());
        }
        if (outcome instanceof EmitOutcome.Failed failed) {
            return new Problem(
                    Problem.type("internal"),
                    "Internal error",
                    500,
                    "the event was not written; quote the trace id when reporting it",
                    failed.traceId(),
                    List.of());
        }
        throw new IllegalArgumentException("not a failure: " + outcome);
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
