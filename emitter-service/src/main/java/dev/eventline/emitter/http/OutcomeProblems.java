package dev.eventline.emitter.http;

import dev.eventline.emitter.ingest.EmitOutcome;
import dev.eventline.problem.Problem;
import java.util.List;

/** The problem body of each kind of unsuccessful {@link EmitOutcome}. */
final class OutcomeProblems {

    private OutcomeProblems() {}

    static Problem of(EmitOutcome outcome) {
        if (outcome instanceof EmitOutcome.Rejected rejected) {
            return new Problem(
                    Problem.type(rejected.reason()),
                    titleOf(rejected.status()),
                    rejected.status(),
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

    private static String titleOf(int status) {
        return switch (status) {
            case 400 -> "The request is not a valid event";
            case 403 -> "Forbidden";
            case 409 -> "Idempotency key reused";
            case 413 -> "Event too large";
            default -> "Event rejected";
        };
    }
}
