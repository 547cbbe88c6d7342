package dev.eventline.stream.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.problem.ProblemException;
import dev.eventline.stream.cursor.CursorCodec;
import dev.eventline.stream.cursor.PartitionRef;
import dev.eventline.stream.cursor.StreamCursor;
import dev.eventline.stream.subscription.InMemoryStreamLog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StartPositionTest {

    private static final PartitionRef P0 = new PartitionRef("assignments", 0);
    private static final PartitionRef P1 = new PartitionRef("assignments", 1);
    private static final PartitionRef OTHER = new PartitionRef("files", 0);
    private static final List<PartitionRef> BOTH = List.of(P0, P1);
    // 2026-12-02T12:00:00Z and the three seconds after it.
    private static final long NOON = 1_796_212_800_000L;

    private final InMemoryStreamLog log = new InMemoryStreamLog(Map.of("assignments", 2, "files", 1));

    @BeforeEach
    void fill() {
        for (int i = 0; i < 4; i++) {
            log.append(P0, "assignment.created", "t-1", "a-" + i, List.of(), NOON + i * 1_000L);
        }
        log.append(P1, "assignment.created", "t-1", "b-0", List.of(), NOON);
        log.expireBelow(P0, 1);
    }

    @Test
    void withoutAnIdOrSinceAStreamStartsAtTheLiveEnd() {
        assertEquals(Map.of(P0, 4L, P1, 1L), resolve(null, null).positions());
        assertEquals(Map.of(P0, 4L, P1, 1L), resolve(" ", "").positions());
    }

    @Test
    void earliestStartsAtTheOldestRetainedOffsets() {
        assertEquals(Map.of(P0, 1L, P1, 0L), resolve(CursorCodec.EARLIEST, null).positions());
    }

    @Test
    void aCursorResumesWhereItSaysAndAPartitionItLacksStartsLive() {
        String id = CursorCodec.encode(new StreamCursor(Map.of(P0, 2L)));
        assertEquals(Map.of(P0, 2L, P1, 1L), resolve(id, null).positions());
    }

    @Test
    void theCursorWinsOverSince() {
        String id = CursorCodec.encode(new StreamCursor(Map.of(P0, 3L, P1, 0L)));
        assertEquals(Map.of(P0, 3L, P1, 0L), resolve(id, "2020-01-01T00:00:00Z").positions());
    }

    @Test
    void sinceTakesAnInstantOrEpochMillis() {
        assertEquals(
                Map.of(P0, 2L, P1, 1L),
                resolve(null, "2026-12-02T12:00:01.500Z").positions());
        assertEquals(
                Map.of(P0, 3L, P1, 1L),
                resolve(null, String.valueOf(NOON + 3_000)).positions());
    }

    @Test
    void aCursorAheadOfTheLogIsRefused() {
        String id = CursorCodec.encode(new StreamCursor(Map.of(P0, 9L)));
        assertProblem(400, "invalid-cursor", () -> resolve(id, null));
    }

    @Test
    void aCursorOfAnotherSubscriptionIsRefused() {
        String id = CursorCodec.encode(new StreamCursor(Map.of(OTHER, 0L)));
        assertProblem(400, "invalid-cursor", () -> resolve(id, null));
    }

    @Test
    void garbageIsRefusedAsACursorOrASince() {
        assertProblem(400, "invalid-cursor", () -> resolve("v1:not-a-cursor", null));
        assertProblem(400, "invalid-since", () -> resolve(null, "yesterday"));
        assertProblem(400, "invalid-since", () -> resolve(null, "9".repeat(16)));
    }

    private StreamCursor resolve(String lastEventId, String since) {
        return StartPosition.resolve(log, BOTH, lastEventId, since);
    }

    private static void assertProblem(int status, String slug, Runnable call) {
        ProblemException e = assertThrows(ProblemException.class, call::run);
        assertEquals(status, e.problem().status());
        assertTrue(e.problem().type().endsWith(":" + slug), e.problem().type());
    }
}
