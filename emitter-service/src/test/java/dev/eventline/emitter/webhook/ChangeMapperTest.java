package dev.eventline.emitter.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.schemas.EventSchemas;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mapping rule and the mapping file's checks, without HTTP or Kafka. */
class ChangeMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventSchemas SCHEMAS = EventSchemas.load();
    private final ChangeMapper mapper = new ChangeMapper(SCHEMAS);
    private final WebhookSource source = sources(
                    """
                    {"sources": {"files-db": {"secret": "0123456789abcdef", "tenant": "school-1",
                       "tables": {"storage.uploads": {"events": "notification", "types": {"UPDATE": "notification.created"}, "recordId": "id",
                          "fields": {"message": "body"}, "audience": ["user:{owner}", "group:class:{class}"]}}}}}""")
            .source("files-db")
            .orElseThrow();

    @Test
    void anInsertFillsThePayloadAndTheAudienceFromTheRow() throws Exception {
        ChangeMapper.Event event = event(change(
                "INSERT",
                "{\"id\": \"n-1\", \"owner\": \"u-7\", \"class\": \"7b\","
                        + " \"kind\": \"INFO\", \"title\": \"Ready\", \"body\": \"essay.pdf\", \"secret_column\": 1}"));

        assertEquals("school-1", event.tenant());
        assertEquals("notification.created", event.request().get("type").asText());
        assertEquals(
                "[\"user:u-7\",\"group:class:7b\"]",
                event.request().get("audience").toString());
        assertEquals("essay.pdf", event.request().at("/payload/message").asText(), "body mapped to message");
        assertTrue(event.request().at("/payload/secret_column").isMissingNode(), "only the schema's fields");
    }

    @Test
    void aDeleteTakesItsIdFromTheOldRowAndCarriesNoPayload() throws Exception {
        ChangeMapper.Event event =
                event("{\"type\": \"DELETE\", \"table\": \"uploads\", \"schema\": \"storage\", \"record\": null,"
                        + " \"old_record\": {\"id\": \"n-1\", \"owner\": \"u-7\", \"class\": \"7b\"}}");
        assertEquals("notification.deleted", event.request().get("type").asText());
        assertEquals("n-1", event.request().get("recordId").asText());
        assertEquals("{}", event.request().get("payload").toString());
    }

    @Test
    void theEventIdIsTheSameForARedeliveryAndDiffersForAnotherChange() throws Exception {
        String row = "{\"id\": \"n-1\", \"owner\": \"u-7\", \"class\": \"7b\", \"title\": \"a\"}";
        String changed = "{\"id\": \"n-1\", \"owner\": \"u-7\", \"class\": \"7b\", \"title\": \"b\"}";
        assertEquals(id(change("UPDATE", row), null), id(change("UPDATE", row), null));
        assertNotEquals(id(change("UPDATE", row), null), id(change("UPDATE", changed), null));
        assertEquals(id(change("UPDATE", row), "d-1"), id(change("UPDATE", changed), "d-1"), "the sender's id rules");
    }

    @Test
    void rowsTheMappingCannotUseAreSaidSo() throws Exception {
        assertInstanceOf(
                ChangeMapper.Unmapped.class,
                mapper.map(source, parse(change("INSERT", "{\"id\": \"n-1\"}").replace("uploads", "other")), null));
        ChangeMapper.Mapped noOwner =
                mapper.map(source, parse(change("INSERT", "{\"id\": \"n-1\", \"class\": \"7b\"}")), null);
        assertTrue(
                assertInstanceOf(ChangeMapper.Unusable.class, noOwner).detail().contains("user:{owner}"));
    }

    @Test
    void aMappingToTypesTheCatalogLacksOrWithAWeakSecretStopsTheService() {
        IllegalArgumentException wrongType = assertThrows(
                IllegalArgumentException.class,
                () -> sources(
                        """
                {"sources": {"s": {"secret": "0123456789abcdef", "tenant": "t",
                   "tables": {"public.x": {"events": "file", "recordId": "id"}}}}}"""));
        assertTrue(wrongType.getMessage().contains("file.created"), wrongType.getMessage());
        IllegalArgumentException notADeletion = assertThrows(
                IllegalArgumentException.class,
                () -> sources(
                        """
                {"sources": {"s": {"secret": "0123456789abcdef", "tenant": "t",
                   "tables": {"public.x": {"events": "assignment", "types": {"delete": "assignment.updated"},
                                            "recordId": "id"}}}}}"""));
        assertTrue(notADeletion.getMessage().contains("only deletes"), notADeletion.getMessage());
        IllegalArgumentException weak = assertThrows(
                IllegalArgumentException.class,
                () -> sources("{\"sources\": {\"s\": {\"secret\": \"short\", \"tenant\": \"t\", \"tables\": {}}}}"));
        assertTrue(weak.getMessage().contains("16 characters"), weak.getMessage());
    }

    @Test
    void aSignatureIsTheBodysHmacAndNothingElse() {
        byte[] secret = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String signature = Signatures.sign(secret, body);
        assertTrue(Signatures.verify(secret, body, signature));
        assertTrue(Signatures.verify(secret, body, signature.toUpperCase().replace("SHA256=", "sha256=")));
        assertTrue(!Signatures.verify(secret, "{ }".getBytes(StandardCharsets.UTF_8), signature));
        assertTrue(!Signatures.verify("another-secret-000".getBytes(StandardCharsets.UTF_8), body, signature));
    }

    private ChangeMapper.Event event(String change) throws Exception {
        return assertInstanceOf(ChangeMapper.Event.class, mapper.map(source, parse(change), null));
    }

    private String id(String change, String deliveryId) throws Exception {
        return assertInstanceOf(ChangeMapper.Event.class, mapper.map(source, parse(change), deliveryId))
                .request()
                .get("eventId")
                .asText();
    }

    private static String change(String type, String row) {
        return "{\"type\": \"" + type + "\", \"table\": \"uploads\", \"schema\": \"storage\", \"record\": " + row
                + ", \"old_record\": null}";
    }

    private static DatabaseChange parse(String json) throws Exception {
        List<String> problems = new ArrayList<>();
        DatabaseChange change = DatabaseChange.parse(JSON.readTree(json), problems);
        assertEquals(List.of(), problems);
        return change;
    }

    private static WebhookSources sources(String json) {
        JsonNode declared;
        try {
            declared = JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new WebhookSources(declared, SCHEMAS.catalog(), Map.<String, String>of()::get);
    }
}
