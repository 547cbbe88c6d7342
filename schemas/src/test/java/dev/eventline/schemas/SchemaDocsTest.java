package dev.eventline.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Data teams read the schemas as documentation: every record, enum and field says what it is. */
class SchemaDocsTest {

    @Test
    void everyRecordEnumAndFieldHasADoc() {
        List<String> undocumented = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Schema schema : EventSchemas.load().currentSchemas()) {
            collect(schema, undocumented, seen);
        }
        assertEquals(List.of(), undocumented);
    }

    @Test
    void everyCatalogEventTypeHasAGeneratedSchemaAndAVersion() {
        EventSchemas schemas = EventSchemas.load();
        schemas.catalog().eventTypes().forEach(type -> {
            Schema schema = schemas.forEventType(type.type()).orElseThrow();
            assertEquals("envelope", schema.getFields().get(0).name(), type.type());
            // Version 2 of every event schema: the envelope's actor.
            assertEquals(2, schemas.version(schema.getFullName()), type.type());
        });
    }

    private static void collect(Schema schema, List<String> undocumented, Set<String> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                if (blank(schema.getDoc())) {
                    undocumented.add(schema.getFullName());
                }
                for (Schema.Field field : schema.getFields()) {
                    if (blank(field.doc())) {
                        undocumented.add(schema.getFullName() + "." + field.name());
                    }
                    collect(field.schema(), undocumented, seen);
                }
            }
            case ENUM -> {
                if (seen.add(schema.getFullName()) && blank(schema.getDoc())) {
                    undocumented.add(schema.getFullName());
                }
            }
            case UNION -> schema.getTypes().forEach(t -> collect(t, undocumented, seen));
            case ARRAY -> collect(schema.getElementType(), undocumented, seen);
            case MAP -> collect(schema.getValueType(), undocumented, seen);
            default -> {}
        }
    }

    private static boolean blank(String doc) {
        return doc == null || doc.isBlank();
    }
}
