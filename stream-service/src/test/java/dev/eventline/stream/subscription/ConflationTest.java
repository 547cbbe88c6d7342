package dev.eventline.stream.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.Test;

/**
 * Conflation of progress events in a stream: the latest event of a record in a read replaces the
 * earlier ones, a record sent less than its window ago holds its partition, the cursor stays exact.
 */
class ConflationTest {

    private static final PartitionRef FILES = new PartitionRef("files", 0);
    private static final EventFilter TENANT_1 = filter("u-1", Set.of());
    private static final Map<String, Duration> WINDOWS = Map.of("file.progress", Duration.ofMillis(250));

    private final InMemoryStreamLog log = new InMemoryStreamLog(Map.of("files", 1));
    private final Collected target = new Collected();

    @Test
    void aReadDeliversOnlyTheLatestEventOfEachConflatedRecord() {
        progress("f-1");
        progress("f-2");
        progress("f-1");
        log.append(FILES, "file.deleted", "t-1", "f-3", List.of(), 0);
        progress("f-1");

        StreamCursor after = apply(Conflation.of(WINDOWS), 0);

        assertEquals(List.of(1L, 3L, 4L), target.offsets(), "f-1's first two progress events passed over");
        assertEquals(2, target.conflated);
        assertEquals(CursorCodec.encode(cursorAt(2)), target.frames.get(0).id());
        assertEquals(CursorCodec.encode(cursorAt(5)), target.frames.get(2).id());
        assertEquals(5, after.next(FILES));
    }

    @Test
    void resumingFromAnySentIdGivesTheLatestStateNeverAnOlderOne() {
        progress("f-1");
        progress("f-2");
        progress("f-1");
        progress("f-1");
        // The client got offset 1 (id: next 2) and went away; it resumes with a new stream.
        apply(Conflation.of(WINDOWS), 2);
        assertEquals(List.of(3L), target.offsets(), "f-1's latest, not the one at 2");
    }

    @Test
    void aRecordSentWithinItsWindowHoldsItsPartitionThereThenItsLatestGoes() throws Exception {
        Conflation conflation = Conflation.of(Map.of("file.progress", Duration.ofMillis(50)));
        progress("f-1");
        StreamCursor cursor = apply(conflation, 0);
        progress("f-1");
        log.append(FILES, "file.deleted", "t-1", "f-9", List.of(), 0);

        StreamCursor held = ReadApplier.apply(cursor, FILES, read(1), TENANT_1, conflation, target);

        assertEquals(1, held.next(FILES), "stopped at f-1's second event; the deletion behind it waits");
        assertEquals(List.of(0L), target.offsets());
        assertTrue(target.heldFor > 0 && target.heldFor <= Duration.ofMillis(50).toNanos(), "" + target.heldFor);

        progress("f-1");
        Thread.sleep(60);
        StreamCursor after = ReadApplier.apply(held, FILES, read(1), TENANT_1, conflation, target);
        assertEquals(List.of(0L, 2L, 3L), target.offsets(), "the deletion, then f-1's latest; its older one passed");
        assertEquals(4, after.next(FILES));
    }

    @Test
    void aLaterEventTheSubscriberMayNotSeeReplacesNothing() {
        EventFilter addressed = filter("u-1", Set.of("files"));
        log.append(FILES, "file.progress", "t-1", "f-1", List.of("user:u-1"), 0);
        log.append(FILES, "file.progress", "t-1", "f-1", List.of("user:u-2"), 0);

        ReadApplier.apply(cursorAt(0), FILES, read(0), addressed, Conflation.of(WINDOWS), target);

        assertEquals(List.of(0L), target.offsets(), "u-1's own latest");
        assertEquals(0, target.conflated);
    }

    @Test
    void withoutConflationEveryEventIsDelivered() {
        progress("f-1");
        progress("f-1");
        apply(Conflation.none(), 0);
        assertEquals(List.of(0L, 1L), target.offsets());
    }

    private void progress(String recordId) {
        log.append(FILES, "file.progress", "t-1", recordId, List.of(), 0);
    }

    private StreamCursor apply(Conflation conflation, long from) {
        return ReadApplier.apply(cursorAt(from), FILES, read(from), TENANT_1, conflation, target);
    }

    private ReadResult read(long from) {
        return log.readNow(FILES, from, 100, Duration.ofSeconds(1));
    }

    private static StreamCursor cursorAt(long next) {
        return new StreamCursor(Map.of(FILES, next));
    }

    private static EventFilter filter(String user, Set<String> audienceTopics) {
        return new EventFilter(
                new Recipient("t-1", Audience.entriesOf(user, Set.of()), Set.of()), audienceTopics, List.of(), null);
    }

    /** A target that takes everything and notes holds and conflations. */
    private static final class Collected implements ReadApplier.Target {
        private final List<SseFrame> frames = new ArrayList<>();
        private final List<LogEvent> events = new ArrayList<>();
        private int conflated;
        private long heldFor;

        List<Long> offsets() {
            return events.stream().map(LogEvent::offset).toList();
        }

        @Override
        public boolean full() {
            return false;
        }

        @Override
        public void event(SseFrame frame, LogEvent event) {
            frames.add(frame);
            events.add(event);
        }

        @Override
        public void reset(SseFrame frame) {}

        @Override
        public void hold(PartitionRef partition, long nanos) {
            heldFor = nanos;
        }

        @Override
        public void conflated() {
            conflated++;
        }
    }
}
