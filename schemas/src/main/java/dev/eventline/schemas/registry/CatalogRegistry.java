package dev.eventline.schemas.registry;

import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.catalog.EventTypeSpec;
import dev.eventline.schemas.catalog.TopicSpec;
import dev.eventline.schemas.codec.SchemaIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * A read-only schema registry over the catalog: a subject per (topic, record) pair the catalog
 * declares, whose versions are the record's released versions (and the current schema while it is not
 * released, since the emitter writes it), each under its {@link SchemaIds} id.
 *
 * <p>Immutable and thread-safe; built once at start-up.
 */
public final class CatalogRegistry {

    /**
     * The compatibility the build enforces on every schema against all its released versions ({@code
     * CompatibilityGate}), in the registry's terms.
     */
    public static final String COMPATIBILITY = "FULL_TRANSITIVE";

    private static final String LATEST = "latest";

    private final SortedMap<Subject, List<RegisteredSchema>> subjects;
    private final SchemaIds ids;

    /** The registry of {@code schemas}' catalog, ids from {@code ids}. */
    public CatalogRegistry(EventSchemas schemas, SchemaIds ids) {
        SortedMap<Subject, List<RegisteredSchema>> bySubject = new TreeMap<>();
        for (TopicSpec topic : schemas.catalog().topics()) {
            for (EventTypeSpec type : topic.events()) {
                Subject subject = new Subject(topic.name(), type.schema());
                if (bySubject.containsKey(subject)) {
                    continue;
                }
                List<RegisteredSchema> versions = new ArrayList<>();
                for (Schema schema : schemas.versions(type.schema())) {
                    versions.add(new RegisteredSchema(subject, versions.size() + 1, ids.idOf(schema), schema));
                }
                bySubject.put(subject, List.copyOf(versions));
            }
        }
        this.subjects = bySubject;
        this.ids = ids;
    }

    /** Every subject's name, sorted. */
    public List<String> subjects() {
        return subjects.keySet().stream().map(Subject::name).toList();
    }

    /** A subject's version numbers, oldest first; empty when there is no such subject. */
    public Optional<List<Integer>> versions(String subject) {
        return versionsOf(subject)
                .map(versions ->
                        versions.stream().map(RegisteredSchema::version).toList());
    }

    /** The schema with this id, under whichever subjects have it. */
    public Optional<Schema> schema(int id) {
        return ids.schemaOf(id);
    }

    /** Version {@code version} of a subject: a number counting from 1, {@code latest} or -1. */
    public RegistryAnswer version(String subject, String version) {
        Optional<List<RegisteredSchema>> versions = versionsOf(subject);
        if (versions.isEmpty()) {
            return RegistryAnswer.subjectNotFound(subject);
        }
        List<RegisteredSchema> list = versions.get();
        if (LATEST.equals(version) || "-1".equals(version)) {
            return new RegistryAnswer.Found(list.get(list.size() - 1));
        }
        int number;
        try {
            number = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            return RegistryAnswer.invalidVersion(version);
        }
        if (number < 1) {
            return RegistryAnswer.invalidVersion(version);
        }
        return number <= list.size()
                ? new RegistryAnswer.Found(list.get(number - 1))
                : RegistryAnswer.versionNotFound(subject, number);
    }

    /**
     * The version of a subject that is {@code schemaText}: the same parsing canonical form, so
     * documentation, defaults, aliases and layout do not matter (as in a registry that normalizes).
     */
    public RegistryAnswer lookup(String subject, String schemaText) {
        Optional<List<RegisteredSchema>> versions = versionsOf(subject);
        if (versions.isEmpty()) {
            return RegistryAnswer.subjectNotFound(subject);
        }
        long fingerprint;
        try {
            // Not EventSchemas.fingerprint: it remembers the platform's own few schemas, not callers'.
            fingerprint = SchemaNormalization.parsingFingerprint64(new Schema.Parser().parse(schemaText));
        } catch (RuntimeException e) {
            // Avro's parser throws more than its own exception for bad input (a NullPointerException
            // for a type name it cannot resolve); any of them means the text is not a schema.
            return RegistryAnswer.invalidSchema(
                    e.getMessage() == null ? "not an Avro schema" : "not an Avro schema: " + e.getMessage());
        }
        for (RegisteredSchema version : versions.get()) {
            if (EventSchemas.fingerprint(version.schema()) == fingerprint) {
                return new RegistryAnswer.Found(version);
            }
        }
        return RegistryAnswer.schemaNotFound(subject);
    }

    /**
     * A registration (Confluent's {@code POST /subjects/{subject}/versions}): the version that already is
     * {@code schemaText}, as a registry answers a schema registered before; any other schema is refused
     * ({@link RegistryAnswer.Reason#READ_ONLY}), so that tools that register before they write (Kafka
     * Connect's default) work with the catalog's schemas and cannot add their own.
     */
    public RegistryAnswer register(String subject, String schemaText) {
        RegistryAnswer found = lookup(subject, schemaText);
        return found.match(
                version -> version,
                missing -> missing.reason() == RegistryAnswer.Reason.SCHEMA_NOT_FOUND
                                || missing.reason() == RegistryAnswer.Reason.SUBJECT_NOT_FOUND
                        ? RegistryAnswer.readOnly(subject)
                        : missing);
    }

    private Optional<List<RegisteredSchema>> versionsOf(String subject) {
        return Subject.parse(subject).map(subjects::get);
    }
}
