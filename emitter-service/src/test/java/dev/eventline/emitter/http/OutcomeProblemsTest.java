package dev.eventline.emitter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eventline.emitter.ingest.EmitOutcome;
import dev.eventline.problem.Problem;
import dev.eventline.schemas.json.FieldError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomeProblemsTest {

    @Test
    void everyRefusalBecomesItsStatusAndProblemType() {
        Map<EmitOutcome.Refusal, Integer> statuses = Map.of(
                EmitOutcome.Refusal.INVALID_EVENT, 400,
                EmitOutcome.Refusal.FORBIDDEN, 403,
                EmitOutcome.Refusal.KEY_REUSED, 409,
                EmitOutcome.Refusal.TOO_LARGE, 413);
        assertEquals(EmitOutcome.Refusal.values().length, statuses.size(), "every refusal has a status here");
        statuses.forEach((refusal, status) -> {
            Problem problem = OutcomeProblems.of(new EmitOutcome.Rejected(refusal, "why", List.of()));
            assertEquals(status, problem.status(), refusal.name());
            assertEquals("urn:eventline:problem:" + refusal.slug(), problem.type());
        });
    }

    @Test
    void anInvalidEventNamesItsWrongFieldsAndPassingTroubleIsA503() {
        Problem invalid = OutcomeProblems.of(new EmitOutcome.Rejected(
                EmitOutcome.Refusal.INVALID_EVENT, "no", List.of(new FieldError("/payload/title", "is required"))));
        assertEquals("/payload/title", invalid.errors().get(0).pointer());
        Problem busy = OutcomeProblems.of(new EmitOutcome.Unavailable("in-progress", "still writing"));
        assertEquals(503, busy.status());
        assertEquals("urn:eventline:problem:in-progress", busy.type());
    }

    @Test
    void aFailureOnOurSideIsA500WithItsTraceIdOnly() {
        Problem failed = OutcomeProblems.of(new EmitOutcome.Failed("trace-1"));
        assertEquals(500, failed.status());
        assertEquals("trace-1", failed.traceId());
        assertEquals(List.of(), failed.errors());
    }
}
