package dev.eventline.schemas.codec;

import dev.eventline.schemas.EventSchemas;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The registry ids of event schemas, which values in {@link WireFormat#CONFLUENT} carry.
 *
 * <p>{@link #derived(EventSchemas)} gives every schema an id of its own without a registry: the top 31
 * bits of its CRC-64-AVRO parsing fingerprint. So an id names the same schema in every deployment and
 * every release, the emitter's {@code /registry} serves exactly these ids, and a reader holding this
 * jar needs no registry at all. Implementations are immutable and thread-safe.
 */
public interface SchemaIds {

    /** The id of a schema the platform knows (current or released). */
    int idOf(Schema schema);

    /** The schema with this id, if the platform knows one. */
    Optional<Schema> schemaOf(int id);

    /**
     * The ids derived from fingerprints, over every current and released schema of {@code schemas}.
     * Throws {@link IllegalStateException} if two of them share an id (31 bits of 64: a one in ten
     * million chance at a thousand schemas, and a test checks the shipped ones).
     */
    static SchemaIds derived(EventSchemas schemas) {
        Map<Integer, Schema> byId = new HashMap<>();
        for (Schema schema : schemas.all()) {
            Schema other = byId.putIfAbsent(derivedId(EventSchemas.fingerprint(schema)), schema);
            if (other != null && EventSchemas.fingerprint(other) != EventSchemas.fingerprint(schema)) {
                throw new IllegalStateException(
                        schema.getFullName() + " and " + other.getFullName() + " have the same derived id");
            }
        }
        Map<Integer, Schema> ids = Map.copyOf(byId);
        return new SchemaIds() {
            @Override
            public int idOf(Schema schema) {
                return derivedId(EventSchemas.fingerprint(schema));
            }

            @Override
            public Optional<Schema> schemaOf(int id) {
                return Optional.ofNullable(ids.get(id));
            }
        };
    }

    /** The id derived from a fingerprint: its top 31 bits, never 0 (registries count from 1). */
    static int derivedId(long fingerprint) {
        int id = (int) (fingerprint >>> 33);
        return id == 0 ? 1 : id;
    }
}
