package dev.eventline.stream.cursor;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CursorCodecTest {

    @Test
    void encodesCompactlyInTopicAndPartitionOrder() {
        StreamCursor cursor = new StreamCursor(Map.of(
                new PartitionRef("files", 3), 51L,
                new PartitionRef("assignments", 3), 1049L,
                new PartitionRef("assignments", 0), 0L));
        assertEquals("v1~assignments.0-0.3-t5~files.3-1f", CursorCodec.encode(cursor));
    }

    @Test
    void roundTripsRandomCursors() {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            TreeMap<PartitionRef, Long> positions = new TreeMap<>();
            for (int j = random.nextInt(40); j > 0; j--) {
                positions.put(new PartitionRef("t" + random.nextInt(7), random.nextInt(64)), random.nextLong() >>> 1);
            }
            StreamCursor cursor = new StreamCursor(positions);
            String text = CursorCodec.encode(cursor);
            assertTrue(text.matches("[a-z0-9._~-]+"), text);
            assertEquals(cursor, CursorCodec.decode(text));
        }
    }

    @Test
    void advanceMovesOnePartitionPastTheDeliveredOffset() {
        PartitionRef p = new PartitionRef("files", 1);
        assertEquals(42L, new StreamCursor(Map.of(p, 7L)).advance(p, 41).next(p));
    }

    @Test
    void equalCursorsGetTheSameTextAndAnotherCursorNeverGetsAStaleOne() {
        PartitionRef p = new PartitionRef("files", 1);
        StreamCursor first = new StreamCursor(Map.of(p, 7L));
        String text = CursorCodec.encode(first);
        assertSame(text, CursorCodec.encode(new StreamCursor(Map.of(p, 7L))), "neighbours share the text");
        assertEquals("v1~files.1-8", CursorCodec.encode(first.advance(p, 7)));
        assertEquals("v1~files.1-7", CursorCodec.encode(first));
    }

    @Test
    void equalsAnyMapWithTheSameEntries() {
        PartitionRef a = new PartitionRef("files", 1);
        PartitionRef b = new PartitionRef("files", 2);
        StreamCursor cursor = new StreamCursor(Map.of(a, 7L, b, 3L));
        assertEquals(Map.of(a, 7L, b, 3L), cursor.positions());
        assertEquals(cursor.positions(), new TreeMap<>(Map.of(a, 7L, b, 3L)));
        assertEquals(Map.of(a, 7L, b, 3L).hashCode(), cursor.positions().hashCode());
        assertNotEquals(cursor, cursor.advance(b, 3));
        assertThrows(IllegalArgumentException.class, () -> cursor.next(new PartitionRef("files", 9)));
    }

    @Test
    void movingAPartitionKeepsTheOthersAndTheOrder() {
        PartitionRef a0 = new PartitionRef("assignments", 0);
        PartitionRef a3 = new PartitionRef("assignments", 3);
        PartitionRef files = new PartitionRef("files", 1);
        StreamCursor cursor =
                new StreamCursor(Map.of(a3, 5L, a0, 9L)).advance(a3, 5).with(files, 2);
        assertEquals(new StreamCursor(Map.of(a0, 9L, a3, 6L, files, 2L)), cursor);
        assertEquals(List.of(a0, a3, files), List.copyOf(cursor.partitions()));
        assertEquals("v1~assignments.0-9.3-6~files.1-2", CursorCodec.encode(cursor));
        assertThrows(IllegalArgumentException.class, () -> cursor.with(a0, -1));
    }

    @Test
    void rejectsMalformedText() {
        for (String text : List.of(
                "",
                "v2~a.1-1",
                "v1~a",
                "v1~a.1",
                "v1~A.1-1",
                "v1~a.1-1\nevent: x",
                "v1~a.1-1~a.1-2",
                "v1~a.1-zzzzzzzzzzzzz",
                "garbage",
                "v1~a.1-1" + "x".repeat(5000))) {
            assertThrows(InvalidCursorException.class, () -> CursorCodec.decode(text), text);
        }
    }

    @Test
    void rejectsCursorsNamingPartitionsOutsideTheSubscription() {
        StreamCursor cursor = CursorCodec.decode("v1~assignments.3-5~files.2-9");
        List<PartitionRef> subscription = List.of(new PartitionRef("assignments", 3), new PartitionRef("files", 3));
        InvalidCursorException e =
                assertThrows(InvalidCursorException.class, () -> CursorCodec.checkCovers(cursor, subscription));
        assertTrue(e.getMessage().contains("files/2"), e.getMessage());
        assertDoesNotThrow(() -> CursorCodec.checkCovers(CursorCodec.decode("v1~files.3-0"), subscription));
    }
}
