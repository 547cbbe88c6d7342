package dev.eventline.schemas.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a record's events fold into what a snapshot keeps, on the shipped catalog. */
class RecordFoldTest {

    private static final RecordFold FOLD = RecordFold.of(TopicCatalog.load());

    /** An event as the fold sees it: a type and, for the assertions, a position. */
    private record Event(String type, long offset) {}

    private static List<Event> fold(Event... events) {
        List<Event> kept = new ArrayList<>();
        for (Event event : events) {
            kept = FOLD.apply(kept, event, Event::type);
        }
        return kept;
    }

    @Test
    void aReadNotificationKeepsItsContentAndItsReadMark() {
        Event created = new Event("notification.created", 1);
        Event read = new Event("notification.read", 4);
        assertEquals(List.of(created, read), fold(created, read));
    }

    @Test
    void aLaterMarkOfTheSameTypeReplacesTheEarlierOne() {
        Event created = new Event("notification.created", 1);
        Event readAgain = new Event("notification.read", 9);
        assertEquals(List.of(created, readAgain), fold(created, new Event("notification.read", 4), readAgain));
    }

    @Test
    void aNewStateStartsOverAndADeletionKeepsNothing() {
        Event recreated = new Event("notification.created", 7);
        assertEquals(
                List.of(recreated),
                fold(new Event("notification.created", 1), new Event("notification.read", 4), recreated));
        assertEquals(List.of(), fold(new Event("notification.created", 1), new Event("notification.deleted", 2)));
    }

    @Test
    void stateTypesReplaceEachOtherAsBefore() {
        Event updated = new Event("assignment.updated", 2);
        assertEquals(List.of(updated), fold(new Event("assignment.created", 1), updated));
        assertFalse(FOLD.isMark("assignment.updated"));
        assertTrue(FOLD.isMark("notification.read"));
    }

    @Test
    void aMarkWhoseStateIsGoneIsKeptAlone() {
        // The created event left the log with retention before the store saw it: the mark still counts.
        Event read = new Event("notification.read", 4);
        assertEquals(List.of(read), fold(read));
    }

    @Test
    void theCatalogRefusesAnUnknownRoleAndADeletingMark() {
        String wrongRole = catalog("x.read", "\"maybe\"");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(wrongRole));
        assertTrue(e.getMessage().contains("'maybe'"), e.getMessage());
        String deletingMark = catalog("x.deleted", "\"mark\"");
        e = assertThrows(IllegalArgumentException.class, () -> parse(deletingMark));
        assertTrue(e.getMessage().contains("x.deleted"), e.getMessage());
    }

    private static String catalog(String type, String snapshot) {
        return """
                {"topics": [{"name": "a", "partitions": 1, "retention": "P1D", "subscriberRoles": ["r"],
                   "events": [{"type": "%s", "schema": "S", "snapshot": %s,
                               "example": {"recordId": "r", "payload": {}}}]}]}"""
                .formatted(type, snapshot);
    }

    private static TopicCatalog parse(String json) throws Exception {
        return TopicCatalog.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
