package dev.eventline.schemas.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopicCatalogTest {

    @Test
    void shippedCatalogMapsEveryEventTypeToOneTopic() {
        TopicCatalog catalog = TopicCatalog.load();
        assertEquals(
                "assignments",
                catalog.topicOf("assignment.created").orElseThrow().name());
        assertEquals("files", catalog.topicOf("file.progress").orElseThrow().name());
        assertTrue(catalog.eventType("file.deleted").orElseThrow().isDeletion());
        assertFalse(catalog.topicOf("no.such").isPresent());
        for (TopicSpec topic : catalog.topics()) {
            assertEquals(PartitionKey.TENANT, topic.partitionKey(), topic.name());
        }
    }

    @Test
    void pupilsMayNotSubscribeToAssignments() {
        TopicSpec assignments = TopicCatalog.load().topic("assignments").orElseThrow();
        assertFalse(assignments.allowsAnyOf(Set.of("pupil")));
        assertTrue(assignments.allowsAnyOf(Set.of("pupil", "teacher")));
        assertEquals(Duration.ofDays(14), assignments.retention());
    }

    @Test
    void progressTypesAreConflatedAndNothingElse() {
        assertEquals(
                java.util.Map.of(
                        "file.progress", Duration.ofMillis(250),
                        "job.progress", Duration.ofMillis(250)),
                TopicCatalog.load().conflationWindows());
    }

    @Test
    void rejectsConflatingADeletionOrAnUnreadableWindow() {
        String deletion =
                """
                {"topics": [{"name": "a", "partitions": 1, "retention": "P1D", "subscriberRoles": ["r"],
                   "events": [{"type": "x.deleted", "schema": "S", "conflate": "PT1S",
                               "example": {"recordId": "r", "payload": {}}}]}]}""";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(deletion));
        assertTrue(e.getMessage().contains("only state events"), e.getMessage());
        String unreadable = deletion.replace("x.deleted", "x.progress").replace("PT1S", "250ms");
        e = assertThrows(IllegalArgumentException.class, () -> parse(unreadable));
        assertTrue(e.getMessage().contains("ISO-8601"), e.getMessage());
    }

    @Test
    void rejectsAnEventTypeOnTwoTopics() {
        String json =
                """
                {"topics": [
                  {"name": "a", "partitions": 1, "retention": "P1D", "subscriberRoles": ["r"],
                   "events": [{"type": "x.created", "schema": "S", "example": {"recordId": "r", "payload": {}}}]},
                  {"name": "b", "partitions": 1, "retention": "P1D", "subscriberRoles": ["r"],
                   "events": [{"type": "x.created", "schema": "S", "example": {"recordId": "r", "payload": {}}}]}
                ]}""";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(json));
        assertTrue(e.getMessage().contains("x.created"), e.getMessage());
    }

    @Test
    void rejectsAnEventTypeWithoutAnExample() {
        String json =
                """
                {"topics": [{"name": "a", "partitions": 1, "retention": "P1D", "subscriberRoles": ["r"],
                   "events": [{"type": "x.created", "schema": "S", "example": {"recordId": "r"}}]}]}""";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(json));
        assertTrue(e.getMessage().contains("example of x.created"), e.getMessage());
    }

    @Test
    void rejectsMissingFieldsAndBadNames() {
        assertThrows(IllegalArgumentException.class, () -> parse("{\"topics\": [{\"name\": \"a\"}]}"));
        assertThrows(
                IllegalArgumentException.class,
                () -> parse(
                        """
                {"topics": [{"name": "Bad Name", "partitions": 1, "retention": "P1D", "subscriberRoles": [],
                  "events": [{"type": "x.created", "schema": "S"}]}]}"""));
        assertThrows(
                IllegalArgumentException.class,
                () -> parse(
                        """
                {"topics": [{"name": "a", "partitions": 0, "retention": "P1D", "subscriberRoles": [],
                  "events": [{"type": "x.created", "schema": "S"}]}]}"""));
        assertThrows(
                IllegalArgumentException.class,
                () -> parse(
                        """
                {"topics": [{"name": "a", "partitions": 1, "retention": "P1D", "subscriberRoles": [],
                  "events": [{"type": "X\\nY", "schema": "S"}]}]}"""));
    }

    private static TopicCatalog parse(String json) throws Exception {
        return TopicCatalog.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
