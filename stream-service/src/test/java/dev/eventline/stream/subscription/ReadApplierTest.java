package dev.eventline.stream.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.schemas.envelope.Audience;
import dev.eventline.stream.cursor.CursorCodec;
import dev.eventline.stream.cursor.PartitionRef;
import dev.eventline.stream.cursor.StreamCursor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadApplierTest {

    private static final PartitionRef P0 = new PartitionRef("assignments", 0);
    private static final EventFilter TENANT_1 = new EventFilter(
            new Recipient("t-1", Audience.entriesOf("u-1", Set.of()), Set.of()), Set.of(), List.of(), null);

    private final InMemoryStreamLog log = new InMemoryStreamLog(Map.of("assignments", 1));
    private final Collected target = new Collected(Integer.MAX_VALUE);

    @BeforeEach
    void fill() {
        log.append(P0, "assignment.created", "t-1", "a-0", List.of(), 1);
        log.append(P0, "assignment.created", "t-2", "b-0", List.of(), 2);
        log.append(P0, "assignment.updated", "t-1", "a-0", List.of(), 3);
        log.append(P0, "assignment.created", "t-1", "a-1", List.of(), 4);
    }

    @Test
    void eachAllowedEventIsSentWithTheCursorAfterItAsItsId() {
        StreamCursor after = ReadApplier.apply(cursorAt(0), P0, read(0), TENANT_1, target);
        assertEquals(List.of(0L, 2L, 3L), target.offsets());
        assertEquals(CursorCodec.encode(cursorAt(1)), target.frames.get(0).id());
        assertEquals(CursorCodec.encode(cursorAt(3)), target.frames.get(1).id());
        assertEquals(CursorCodec.encode(cursorAt(4)), target.frames.get(2).id());
        assertEquals("assignment.updated", target.frames.get(1).event());
        assertEquals(4, after.next(P0));
    }

    @Test
    void anEventTheFilterRefusesMovesTheCursorSilently() {
        StreamCursor after = ReadApplier.apply(cursorAt(1), P0, readOnly(1, 1), TENANT_1, target);
        assertEquals(List.of(), target.offsets(), "t-2's event is not sent");
        assertEquals(2, after.next(P0), "but the cursor passed it");
    }

    @Test
    void eventsBelowTheCursorAreSkipped() {
        StreamCursor after = ReadApplier.apply(cursorAt(2), P0, read(0), TENANT_1, target);
        assertEquals(List.of(2L, 3L), target.offsets());
        assertEquals(4, after.next(P0));
    }

    @Test
    void aFullTargetLeavesTheRestForTheNextRead() {
        Collected small = new Collected(1);
        StreamCursor after = ReadApplier.apply(cursorAt(0), P0, read(0), TENANT_1, small);
        assertEquals(List.of(0L), small.offsets());
        assertEquals(2, after.next(P0), "past the refused event, stopped before the next allowed one");
    }

    @Test
    void anExpiredPositionBecomesAResetToTheEarliestOffset() {
        log.expireBelow(P0, 3);
        StreamCursor after = ReadApplier.apply(cursorAt(1), P0, read(1), TENANT_1, target);
        assertEquals(3, after.next(P0));
        assertEquals(1, target.resets.size());
        SseFrame reset = target.resets.get(0);
        assertEquals("reset", reset.event());
        assertEquals(CursorCodec.encode(cursorAt(3)), reset.id());
        assertEquals("{\"partition\":\"" + P0 + "\",\"requestedOffset\":1,\"earliestOffset\":3}", reset.data());
    }

    @Test
    void aGapAfterTheLastEventMovesTheCursorToTheNextOffset() {
        ReadResult withGap = new ReadResult.Events(List.of(), 9);
        StreamCursor after = ReadApplier.apply(cursorAt(4), P0, withGap, TENANT_1, target);
        assertEquals(9, after.next(P0));
        assertFalse(ReadApplier.stalled(cursorAt(4), P0, withGap));
        assertTrue(ReadApplier.stalled(cursorAt(4), P0, new ReadResult.Events(List.of(), 4)));
    }

    private ReadResult read(long from) {
        return log.readNow(P0, from, 100, Duration.ofSeconds(1));
    }

    private ReadResult readOnly(long from, int max) {
        return log.readNow(P0, from, max, Duration.ofSeconds(1));
    }

    private static StreamCursor cursorAt(long next) {
        return new StreamCursor(Map.of(P0, next));
    }

    /** A target holding what it took, full after {@code capacity} event frames. */
    private static final class Collected implements ReadApplier.Target {
        private final int capacity;
        private final List<SseFrame> frames = new ArrayList<>();
        private final List<LogEvent> events = new ArrayList<>();
        private final List<SseFrame> resets = new ArrayList<>();

        Collected(int capacity) {
            this.capacity = capacity;
        }

        List<Long> offsets() {
            return events.stream().map(LogEvent::offset).toList();
        }

        @Override
        public boolean full() {
            return frames.size() >= capacity;
        }

        @Override
        public void event(SseFrame frame, LogEvent event) {
            frames.add(frame);
            events.add(event);
        }

        @Override
        public void reset(SseFrame frame) {
            resets.add(frame);
        }
    }
}
