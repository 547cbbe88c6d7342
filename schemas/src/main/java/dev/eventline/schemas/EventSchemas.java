package dev.eventline.schemas;

import dev.eventline.schemas.catalog.EventTypeSpec;
import dev.eventline.schemas.catalog.TopicCatalog;
import dev.eventline.schemas.evolution.ReleasedSchemas;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;

/**
 * Every event schema the platform knows: the current schema of each catalog event type (from the
 * generated classes), its version, and every released version by fingerprint, so records written with
 * any released schema stay readable.
 *
 * <p>Immutable and thread-safe; load once and share.
 */
public final class EventSchemas {

    /** Event schemas are few (catalog and released versions); the bound only guards odd callers. */
    private static final int MAX_REMEMBERED = 1024;

    /**
     * By identity, copied on write: a map keyed by schema equality compared whole schemas on every
     * lookup whenever an equal instance (a released version identical to the current one) was there
     * first, which showed in the emitter's profile; the schemas asked for are a handful of instances.
     */
    private static volatile Map<Schema, Long> fingerprints = new IdentityHashMap<>();

    private final TopicCatalog catalog;
    private final Map<String, Schema> currentByName;
    private final Map<String, Integer> versionByName;
    private final Map<Long, Schema> byFingerprint;
    private final ReleasedSchemas released;

    private EventSchemas(TopicCatalog catalog, ReleasedSchemas released) {
        this.catalog = catalog;
        this.released = released;
        Map<String, Schema> current = new LinkedHashMap<>();
        for (EventTypeSpec type : catalog.eventTypes()) {
            current.computeIfAbsent(type.schema(), EventSchemas::generatedSchema);
        }
        Map<Long, Schema> fingerprints = new HashMap<>();
        released.all().forEach(schema -> fingerprints.put(fingerprint(schema), schema));
        Map<String, Integer> versions = new HashMap<>();
        current.forEach((name, schema) -> {
            fingerprints.put(fingerprint(schema), schema);
            versions.put(name, versionOf(schema, released.versionsOf(name)));
        });
        this.currentByName = Collections.unmodifiableMap(current);
        this.versionByName = Map.copyOf(versions);
        this.byFingerprint = Map.copyOf(fingerprints);
    }

    /** The schemas of the shipped catalog and released versions. */
    public static EventSchemas load() {
        return load(TopicCatalog.load(), ReleasedSchemas.load());
    }

    /** The schemas of a given catalog and set of released versions. */
    public static EventSchemas load(TopicCatalog catalog, ReleasedSchemas released) {
        return new EventSchemas(catalog, released);
    }

    /** The catalog these schemas belong to. */
    public TopicCatalog catalog() {
        return catalog;
    }

    /** The current schema of an event type, if the catalog knows the type. */
    public Optional<Schema> forEventType(String eventType) {
        return catalog.eventType(eventType).map(type -> currentByName.get(type.schema()));
    }

    /** The current schema of a record by full name, if it is an event schema. */
    public Optional<Schema> current(String fullName) {
        return Optional.ofNullable(currentByName.get(fullName));
    }

    /** Every current event schema, in catalog order. */
    public Collection<Schema> currentSchemas() {
        return currentByName.values();
    }

    /**
     * The version number of the current schema: its released version, or the next one while the change
     * is not released yet.
     */
    public int version(String fullName) {
        Integer version = versionByName.get(fullName);
        if (version == null) {
            throw new IllegalArgumentException(fullName + " is not an event schema");
        }
        return version;
    }

    /**
     * Every version of a record's schema, oldest first: its released versions, then the current schema
     * when it is not released yet (it is what the emitter writes). Empty for a record that is not an
     * event schema.
     */
    public List<Schema> versions(String fullName) {
        Schema current = currentByName.get(fullName);
        if (current == null) {
            return List.of();
        }
        List<Schema> versions = released.versionsOf(fullName);
        if (version(fullName) <= versions.size()) {
            return versions;
        }
        List<Schema> withCurrent = new ArrayList<>(versions);
        withCurrent.add(current);
        return List.copyOf(withCurrent);
    }

    /** Every schema the platform reads (current and released), one per fingerprint. */
    public Collection<Schema> all() {
        return byFingerprint.values();
    }

    /** The schema (current or released) with this CRC-64-AVRO parsing fingerprint. */
    public Optional<Schema> byFingerprint(long fingerprint) {
        return Optional.ofNullable(byFingerprint.get(fingerprint));
    }

    /**
     * The CRC-64-AVRO fingerprint of a schema's parsing canonical form, as single-object encoding uses.
     * Remembered per schema: computing it walks and prints the whole schema, and every encoded event
     * needs it (it was the emitter's largest single cost under load).
     */
    public static long fingerprint(Schema schema) {
        Long known = fingerprints.get(schema);
        if (known != null) {
            return known;
        }
        long computed = SchemaNormalization.parsingFingerprint64(schema);
        synchronized (EventSchemas.class) {
            if (fingerprints.size() < MAX_REMEMBERED) {
                Map<Schema, Long> next = new IdentityHashMap<>(fingerprints);
                next.put(schema, computed);
                fingerprints = next;
            }
        }
        return computed;
    }

    private static int versionOf(Schema schema, List<Schema> released) {
        long fingerprint = fingerprint(schema);
        for (int i = 0; i < released.size(); i++) {
            if (fingerprint(released.get(i)) == fingerprint) {
                return i + 1;
            }
        }
        return released.size() + 1;
    }

    private static Schema generatedSchema(String fullName) {
        try {
            return SpecificData.get().getSchema(Class.forName(fullName));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "the catalog names schema " + fullName + ", but no such Avro record exists in src/main/avro", e);
        }
    }
}
