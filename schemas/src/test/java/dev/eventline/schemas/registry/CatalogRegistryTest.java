package dev.eventline.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.codec.SchemaIds;
import dev.eventline.schemas.evolution.ReleasedSchemas;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

class CatalogRegistryTest {

    private static final String ASSIGNMENT = "dev.eventline.schemas.assignment.AssignmentChanged";
    private static final String DELETED = "dev.eventline.schemas.common.RecordDeleted";
    private static final String SUBJECT = "assignments-" + ASSIGNMENT;

    private final EventSchemas schemas = EventSchemas.load();
    private final SchemaIds ids = SchemaIds.derived(schemas);
    private final CatalogRegistry registry = new CatalogRegistry(schemas, ids);

    @Test
    void everyTopicAndRecordPairOfTheCatalogIsASubject() {
        List<String> subjects = registry.subjects();

        assertTrue(subjects.contains(SUBJECT), subjects.toString());
        assertTrue(subjects.contains("files-dev.eventline.schemas.file.FileProgress"), subjects.toString());
        long topicsWithDeletions = schemas.catalog().topics().stream()
                .filter(topic ->
                        topic.events().stream().anyMatch(type -> type.schema().equals(DELETED)))
                .count();
        assertEquals(
                topicsWithDeletions,
                subjects.stream().filter(s -> s.endsWith("-" + DELETED)).count(),
                "the deletion record is a subject on every topic that has deletions");
        assertEquals(subjects.stream().sorted().toList(), subjects);
    }

    @Test
    void aSubjectsVersionsAreTheRecordsReleasedVersionsWithTheirIds() {
        List<Schema> released = ReleasedSchemas.load().versionsOf(ASSIGNMENT);

        assertEquals(Optional.of(List.of(1, 2)), registry.versions(SUBJECT));
        RegisteredSchema first = found(registry.version(SUBJECT, "1"));
        assertEquals(1, first.version());
        assertEquals(ids.idOf(released.get(0)), first.id());
        assertEquals(released.get(0), first.schema());
        assertEquals(2, found(registry.version(SUBJECT, "latest")).version());
        assertEquals(2, found(registry.version(SUBJECT, "-1")).version());
        assertEquals(
                Optional.of(released.get(1)),
                registry.schema(found(registry.version(SUBJECT, "2")).id()));
    }

    @Test
    void theDeletionRecordHasTheSameIdsUnderEveryTopic() {
        int onAssignments =
                found(registry.version("assignments-" + DELETED, "1")).id();
        int onFiles = found(registry.version("files-" + DELETED, "1")).id();

        assertEquals(onAssignments, onFiles);
    }

    @Test
    void unknownSubjectsAndVersionsAndBadVersionsSaySo() {
        assertReason(RegistryAnswer.Reason.SUBJECT_NOT_FOUND, registry.version("assignments-value", "1"));
        assertReason(RegistryAnswer.Reason.SUBJECT_NOT_FOUND, registry.version("files-" + ASSIGNMENT, "1"));
        assertReason(RegistryAnswer.Reason.SUBJECT_NOT_FOUND, registry.version("nodash", "1"));
        assertReason(RegistryAnswer.Reason.VERSION_NOT_FOUND, registry.version(SUBJECT, "3"));
        assertReason(RegistryAnswer.Reason.INVALID_VERSION, registry.version(SUBJECT, "0"));
        assertReason(RegistryAnswer.Reason.INVALID_VERSION, registry.version(SUBJECT, "first"));
        assertEquals(Optional.empty(), registry.versions("assignments-value"));
        assertEquals(Optional.empty(), registry.schema(-5));
    }

    @Test
    void lookupFindsTheVersionByCanonicalFormIgnoringDocs() {
        Schema v1 = ReleasedSchemas.load().versionsOf(ASSIGNMENT).get(0);
        String withoutDocs = SchemaNormalization.toParsingForm(v1);

        assertEquals(1, found(registry.lookup(SUBJECT, v1.toString())).version());
        assertEquals(1, found(registry.lookup(SUBJECT, withoutDocs)).version());
    }

    @Test
    void lookupOfAnotherSchemaOrOfNoSchemaSaysWhich() {
        String other = schemas.current("dev.eventline.schemas.file.FileProgress")
                .orElseThrow()
                .toString();

        assertReason(RegistryAnswer.Reason.SCHEMA_NOT_FOUND, registry.lookup(SUBJECT, other));
        assertReason(RegistryAnswer.Reason.INVALID_SCHEMA, registry.lookup(SUBJECT, "{\"type\": \"recrod\"}"));
        assertReason(RegistryAnswer.Reason.INVALID_SCHEMA, registry.lookup(SUBJECT, "not json"));
        assertReason(RegistryAnswer.Reason.SUBJECT_NOT_FOUND, registry.lookup("assignments-value", other));
    }

    @Test
    void registeringTheCatalogsSchemaAnswersItsVersionAndAnyOtherIsReadOnly() {
        Schema v1 = ReleasedSchemas.load().versionsOf(ASSIGNMENT).get(0);
        assertEquals(1, found(registry.register(SUBJECT, v1.toString())).version());
        String other = "{\"type\": \"record\", \"name\": \"Other\", \"fields\": []}";
        assertReason(RegistryAnswer.Reason.READ_ONLY, registry.register(SUBJECT, other));
        assertReason(RegistryAnswer.Reason.READ_ONLY, registry.register("assignments-value", other));
        assertReason(RegistryAnswer.Reason.INVALID_SCHEMA, registry.register(SUBJECT, "not json"));
    }

    private static void assertReason(RegistryAnswer.Reason reason, RegistryAnswer answer) {
        assertEquals(
                reason, assertInstanceOf(RegistryAnswer.Missing.class, answer).reason(), answer.toString());
    }

    private static RegisteredSchema found(RegistryAnswer answer) {
        return assertInstanceOf(RegistryAnswer.Found.class, answer).schema();
    }
}
