package dev.eventline.emitter.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.json.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventValidator validator = new EventValidator(EventSchemas.load());

    @Test
    void everyCatalogExampleIsAValidEmit() {
        EventSchemas schemas = EventSchemas.load();
        schemas.catalog().topics().forEach(topic -> topic.events().forEach(spec -> {
            ObjectNode event = spec.example().deepCopy();
            event.put("type", spec.type());
            List<FieldError> errors = new ArrayList<>();
            validator.validate(event, "", errors);
            assertEquals(List.of(), errors, spec.type());
        }));
    }

    @Test
    void acceptsAValidEventAndFillsDefaultsForOmittedOptionalFields() throws Exception {
        List<FieldError> errors = new ArrayList<>();
        Optional<ValidatedEvent> event = validator.validate(
                json(
                        """
                {"type": "submission.updated", "recordId": "s-1",
                 "payload": {"assignmentId": "a-1", "pupilId": "p-1", "status": "MARKED", "score": 7}}"""),
                "",
                errors);
        assertEquals(List.of(), errors);
        assertEquals(7.0, event.orElseThrow().record().get("score"));
        assertEquals(null, event.orElseThrow().record().get("maxScore"));
    }

    @Test
    void timestampsTakeIsoInstantsOrEpochMillis() throws Exception {
        for (String due : List.of("\"2026-12-01T09:00:00Z\"", "1796115600000")) {
            List<FieldError> errors = new ArrayList<>();
            ValidatedEvent event = validator
                    .validate(
                            json(
                                    """
                    {"type": "assignment.updated", "recordId": "a", "payload": {"title": "t", "status": "DRAFT", "dueAt": %s}}"""
                                            .formatted(due)),
                            "",
                            errors)
                    .orElseThrow();
            assertEquals(1796115600000L, event.record().get("dueAt"));
        }
    }

    @Test
    void namesEveryProblemWithItsPointer() throws Exception {
        List<FieldError> errors = new ArrayList<>();
        validator.validate(
                json(
                        """
                {"type": "proposal.created", "recordId": "", "eventId": "nope", "emittedAt": "yesterday",
                 "audience": ["ok", 3], "payload": {"projectId": "p", "title": null, "confidence": 1.5}}"""),
                "/2",
                errors);
        assertEquals(
                List.of(
                        "/2/recordId",
                        "/2/eventId",
                        "/2/emittedAt",
                        "/2/audience/1",
                        "/2/payload/title",
                        "/2/payload/confidence"),
                errors.stream().map(FieldError::pointer).toList());
        assertTrue(errors.get(5).reason().contains("at most 1"), errors.get(5).reason());
    }

    @Test
    void wrongNumberKindsAndEnumSymbolsAreRejected() throws Exception {
        List<FieldError> errors = new ArrayList<>();
        validator.validate(
                json(
                        """
                {"type": "job.progress", "recordId": "j", "payload": {"projectId": "p", "stage": "s",
                 "current": 1.5, "total": 3000000000, "message": 4}}"""),
                "",
                errors);
        assertEquals(
                List.of("/payload/current", "/payload/total", "/payload/message"),
                errors.stream().map(FieldError::pointer).toList());
        errors.clear();
        validator.validate(
                json(
                        """
                {"type": "notification.created", "recordId": "n", "payload": {"kind": "urgent", "title": "t", "message": "m"}}"""),
                "",
                errors);
        assertTrue(errors.get(0).reason().contains("URGENT"), errors.get(0).reason());
    }

    @Test
    void audienceTopicsRefuseEventsThatNameNoOne() throws Exception {
        List<FieldError> errors = new ArrayList<>();
        String progress = "\"type\": \"file.progress\", \"recordId\": \"f\", "
                + "\"payload\": {\"fileName\": \"a.pdf\", \"status\": \"READY\", \"progress\": 100}";
        for (String audience : List.of("", ", \"audience\": []")) {
            errors.clear();
            validator.validate(json("{" + progress + audience + "}"), "/1", errors);
            assertEquals(
                    List.of("/1/audience"),
                    errors.stream().map(FieldError::pointer).toList());
            assertTrue(errors.get(0).reason().contains("topic files is addressed by audience"), errors.toString());
        }
        errors.clear();
        // A misspelt field beside the missing one: both are named.
        validator.validate(json("{" + progress + ", \"audiences\": [\"user:u-1\"]}"), "", errors);
        assertEquals(
                List.of("/audiences", "/audience"),
                errors.stream().map(FieldError::pointer).toList());
        errors.clear();
        validator.validate(json("{" + progress + ", \"audience\": [\"group:\", \"user:u-1\"]}"), "", errors);
        assertEquals(
                List.of("/audience/0"), errors.stream().map(FieldError::pointer).toList());
        errors.clear();
        assertTrue(validator
                .validate(json("{" + progress + ", \"audience\": [\"group:class:7b\"]}"), "", errors)
                .isPresent());
    }

    @Test
    void theActorIsOptionalAndAnIdWhenGiven() throws Exception {
        List<FieldError> errors = new ArrayList<>();
        String deleted = "\"type\": \"assignment.deleted\", \"recordId\": \"a\", \"payload\": {}";
        assertEquals(
                "t-9",
                validator
                        .validate(json("{" + deleted + ", \"actor\": \"t-9\"}"), "", errors)
                        .orElseThrow()
                        .actor());
        assertNull(validator
                .validate(json("{" + deleted + "}"), "", errors)
                .orElseThrow()
                .actor());
        validator.validate(json("{" + deleted + ", \"actor\": 7}"), "", errors);
        assertEquals(List.of("/actor"), errors.stream().map(FieldError::pointer).toList());
    }

    @Test
    void pointerEscapesSlashAndTilde() {
        assertEquals("/payload/a~1b~0c", FieldError.child("/payload", "a/b~c"));
    }

    @Test
    void fingerprintTellsDifferentEventsApart() throws Exception {
        String a = "{\"type\": \"assignment.deleted\", \"recordId\": \"a\", \"payload\": {}}";
        String b = "{\"type\": \"assignment.deleted\", \"recordId\": \"b\", \"payload\": {}}";
        List<FieldError> errors = new ArrayList<>();
        assertEquals(fingerprint(a, errors), fingerprint(a, errors));
        assertNotEquals(fingerprint(a, errors), fingerprint(b, errors));
    }

    private String fingerprint(String event, List<FieldError> errors) throws Exception {
        return validator.validate(json(event), "", errors).orElseThrow().fingerprint();
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
