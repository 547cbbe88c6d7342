package dev.eventline.schemas.evolution;

import dev.eventline.schemas.EventSchemas;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The evolution gate, run by the build after compilation: every current event schema must be fully
 * compatible (backward and forward) with each of its released versions, by Avro's own {@link
 * SchemaCompatibility} checker. Exits non-zero, naming each incompatibility, when it is not.
 */
public final class CompatibilityGate {

    private CompatibilityGate() {}

    /**
     * Checks one schema against its released versions.
     *
     * @return one line per incompatibility; empty when compatible
     */
    public static List<String> check(Schema current, List<Schema> released) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < released.size(); i++) {
            Schema old = released.get(i);
            String name = current.getFullName() + " v" + (i + 1);
            describe(
                    problems,
                    name + ": the new schema cannot read records written with it (backward)",
                    SchemaCompatibility.checkReaderWriterCompatibility(current, old));
            describe(
                    problems,
                    name + ": readers on it cannot read records of the new schema (forward)",
                    SchemaCompatibility.checkReaderWriterCompatibility(old, current));
        }
        return problems;
    }

    /** Entry point for the build: checks every catalog schema, exits 1 on any incompatibility. */
    public static void main(String[] args) {
        EventSchemas schemas = EventSchemas.load();
        ReleasedSchemas released = ReleasedSchemas.load();
        List<String> problems = new ArrayList<>();
        for (Schema current : schemas.currentSchemas()) {
            List<Schema> versions = released.versionsOf(current.getFullName());
            if (versions.isEmpty()) {
                // A new schema binds nobody yet; it becomes binding once released.
                System.out.println("note: " + current.getFullName() + " is not released yet (release with "
                        + "./mvnw -pl schemas process-classes exec:java@release-schemas)");
            }
            problems.addAll(check(current, versions));
        }
        if (!problems.isEmpty()) {
            System.err.println("Schema compatibility gate FAILED (rule: full transitive compatibility):");
            problems.forEach(p -> System.err.println("  - " + p));
            throw new IllegalStateException(problems.size() + " schema compatibility problem(s), see above");
        }
        System.out.println("Schema compatibility gate: "
                + schemas.currentSchemas().size() + " schemas compatible with all released versions");
    }

    private static void describe(List<String> problems, String what, SchemaPairCompatibility result) {
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
            problems.add(what + ": "
                    + result.getResult().getIncompatibilities().stream()
                            .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
                            .toList());
        }
    }
}
