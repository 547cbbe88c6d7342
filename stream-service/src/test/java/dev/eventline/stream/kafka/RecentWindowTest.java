package dev.eventline.stream.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.eventline.stream.cursor.PartitionRef;
import dev.eventline.stream.subscription.LogEvent;
import dev.eventline.stream.subscription.ReadResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentWindowTest {

    private static final PartitionRef PARTITION = new PartitionRef("assignments", 0);

    @Test
    void readsFromTheFirstEventAtOrAfterTheOffsetUpToTheBatch() {
        RecentWindow window = new RecentWindow(100, 10);
        // Offsets 10, 12, 14, ... 28: the odd ones are gaps (markers, compacted records).
        for (long offset = 10; offset < 30; offset += 2) {
            window.append(event(offset), offset + 1);
        }

        ReadResult.Events batch = window.read(13, 3);

        assertEquals(List.of(14L, 16L, 18L), offsets(batch));
        assertEquals(20, batch.next(), "the next read starts at the first event left out");
    }

    @Test
    void readsTheNewestEventsWhetherOrNotTheirOffsetsHaveGaps() {
        RecentWindow consecutive = consecutive(100, 30);
        RecentWindow gapped = new RecentWindow(100, 10);
        for (long offset = 10; offset < 30; offset += 2) {
            gapped.append(event(offset), offset + 1);
        }

        assertEquals(List.of(29L), offsets(consecutive.read(29, 10)));
        assertEquals(List.of(27L, 28L, 29L), offsets(consecutive.read(27, 10)));
        assertEquals(List.of(28L), offsets(gapped.read(27, 10)), "a gap: the next event after it");
        assertEquals(List.of(26L, 28L), offsets(gapped.read(26, 10)));
        assertEquals(List.of(28L), offsets(gapped.read(28, 10)));
    }

    @Test
    void answersTheEndWhenNothingIsLeftOut() {
        RecentWindow window = new RecentWindow(100, 10);
        window.append(event(10), 11);
        window.append(null, 15);

        ReadResult.Events tail = window.read(10, 64);
        ReadResult.Events atEnd = window.read(15, 64);

        assertEquals(List.of(10L), offsets(tail));
        assertEquals(15, tail.next(), "trailing gaps are skipped");
        assertEquals(List.of(), offsets(atEnd));
        assertEquals(15, atEnd.next());
    }

    @Test
    void forgetsTheOldestEventsBeyondItsCapacityAcrossTheRingsWrap() {
        RecentWindow window = consecutive(5, 13);

        assertEquals(8, window.start());
        assertEquals(13, window.end());
        assertNull(window.read(7, 10), "older than the window: the caller reads Kafka");
        assertEquals(List.of(8L, 9L, 10L, 11L, 12L), offsets(window.read(8, 10)));
        assertEquals(List.of(11L, 12L), offsets(window.read(11, 10)));
    }

    @Test
    void growsItsRingInOrderUpToTheCapacity() {
        RecentWindow window = consecutive(5000, 3000);

        ReadResult.Events batch = window.read(1020, 8);

        assertEquals(List.of(1020L, 1021L, 1022L, 1023L, 1024L, 1025L, 1026L, 1027L), offsets(batch));
        assertEquals(0, window.start());
    }

    @Test
    void trimsBelowTheLogStartAndAnswersNullForTrimmedOffsets() {
        RecentWindow window = consecutive(100, 10);

        window.trimBelow(6);

        assertEquals(6, window.start());
        assertNull(window.read(5, 10));
        assertEquals(List.of(6L, 7L, 8L, 9L), offsets(window.read(6, 10)));
        window.trimBelow(20);
        assertEquals(20, window.start());
        assertEquals(20, window.end(), "retention past the end moves the end with it");
    }

    @Test
    void keepsAtLeastTheNewestEvent() {
        RecentWindow window = new RecentWindow(0, 0);
        window.append(event(0), 1);
        window.append(event(1), 2);

        assertEquals(List.of(1L), offsets(window.read(1, 10)));
        assertEquals(1, window.start());
    }

    /** A window of {@code capacity} that was given events at offsets 0 to {@code count} - 1. */
    private static RecentWindow consecutive(int capacity, long count) {
        RecentWindow window = new RecentWindow(capacity, 0);
        for (long offset = 0; offset < count; offset++) {
            window.append(event(offset), offset + 1);
        }
        return window;
    }

    private static LogEvent event(long offset) {
        return new LogEvent(PARTITION, offset, "assignment.changed", "t1", "r" + offset, List.of(), 0, "{}");
    }

    private static List<Long> offsets(ReadResult.Events events) {
        return events.events().stream().map(LogEvent::offset).toList();
    }
}
