package dev.eventline.schemas.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.file.FileProgress;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CompatibilityGateTest {

    private static final Schema V1 = FileProgress.getClassSchema();

    @Test
    void shippedSchemasAreCompatibleWithEveryReleasedVersion() {
        ReleasedSchemas released = ReleasedSchemas.load();
        for (Schema current : EventSchemas.load().currentSchemas()) {
            assertFalse(released.versionsOf(current.getFullName()).isEmpty(), current.getFullName() + " released");
            assertEquals(List.of(), CompatibilityGate.check(current, released.versionsOf(current.getFullName())));
        }
    }

    @Test
    void acceptsAnAddedOptionalFieldWithDefault() {
        Schema v2 = edit(
                "\"fields\" : [",
                "\"fields\" : [ {\"name\": \"pages\", \"type\": [\"null\", \"int\"], \"default\": null},");
        assertEquals(List.of(), CompatibilityGate.check(v2, List.of(V1)));
    }

    @Test
    void rejectsAnAddedRequiredFieldWithoutDefault() {
        Schema v2 = edit("\"fields\" : [", "\"fields\" : [ {\"name\": \"pages\", \"type\": \"int\"},");
        List<String> problems = CompatibilityGate.check(v2, List.of(V1));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("backward"), problems.get(0));
        assertTrue(problems.get(0).contains("pages"), problems.get(0));
    }

    @Test
    void rejectsAChangedFieldType() {
        Schema v2 = edit(
                "\"name\" : \"progress\",\n    \"type\" : \"int\"",
                "\"name\" : \"progress\",\n    \"type\" : \"string\"");
        assertEquals(2, CompatibilityGate.check(v2, List.of(V1)).size());
    }

    @Test
    void rejectsARemovedEnumSymbolOnlyWhereOldReadersHaveNoDefault() {
        Schema v2 = edit("\"READY\", ", "");
        // The new reader meets READY in old data and has no such symbol, but the enum default covers it.
        assertEquals(List.of(), CompatibilityGate.check(v2, List.of(V1)));
        Schema noDefault = new Schema.Parser().parse(V1.toString().replace(",\"default\":\"UNKNOWN\"", ""));
        Schema v3 = new Schema.Parser().parse(noDefault.toString().replace("\"READY\",", ""));
        assertFalse(CompatibilityGate.check(v3, List.of(noDefault)).isEmpty());
    }

    private static Schema edit(String from, String to) {
        String text = V1.toString(true);
        assertTrue(text.contains(from), "fixture text not found: " + from);
        return new Schema.Parser().parse(text.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to)));
    }
}
