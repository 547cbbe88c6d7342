package dev.eventline.emitter.ingest;

import dev.eventline.emitter.validation.ValidatedEvent;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.codec.EventHeaders;
import java.time.Instant;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Where the envelope sits in one event schema, resolved once: the positions of its fields, and what
 * every record of the schema carries unchanged (schema version, fingerprint header). Setting fields by
 * name looks each one up in the schema's field map; at tens of thousands of events per second those
 * lookups showed in the emitter's profile.
 *
 * <p>Immutable and thread-safe.
 */
final class Envelope {

    private final Schema schema;
    private final int envelope;
    private final int eventId;
    private final int type;
    private final int tenantId;
    private final int recordId;
    private final int emittedAt;
    private final int emittedBy;
    private final int audience;
    private final int schemaVersion;
    private final int actor;
    private final int version;
    private final String fingerprintHex;

    private Envelope(Schema event, int version) {
        Schema.Field field = event.getField("envelope");
        this.envelope = field.pos();
        this.schema = field.schema();
        this.eventId = position("eventId");
        this.type = position("type");
        this.tenantId = position("tenantId");
        this.recordId = position("recordId");
        this.emittedAt = position("emittedAt");
        this.emittedBy = position("emittedBy");
        this.audience = position("audience");
        this.schemaVersion = position("schemaVersion");
        this.actor = position("actor");
        this.version = version;
        this.fingerprintHex = EventHeaders.fingerprintHex(EventSchemas.fingerprint(event));
    }

    /** The envelope layout of {@code event}, a current schema of {@code schemas}. */
    static Envelope of(Schema event, EventSchemas schemas) {
        return new Envelope(event, schemas.version(event.getFullName()));
    }

    /** The writer schema's fingerprint as the header carries it. */
    String fingerprintHex() {
        return fingerprintHex;
    }

    /**
     * Sets the envelope of {@code event}'s record, copied first so the validated event stays as it
     * was, and answers the copy.
     */
    GenericData.Record stamp(ValidatedEvent event, UUID id, String tenant, String emitter) {
        GenericData.Record value = new GenericData.Record(event.record(), false);
        GenericData.Record stamped = new GenericData.Record(schema);
        stamped.put(eventId, id.toString());
        stamped.put(type, event.type());
        stamped.put(tenantId, tenant);
        stamped.put(recordId, event.recordId());
        stamped.put(
                emittedAt,
                event.emittedAt() != null ? event.emittedAt() : Instant.now().toEpochMilli());
        stamped.put(emittedBy, emitter);
        stamped.put(audience, event.audience());
        stamped.put(schemaVersion, version);
        stamped.put(actor, event.actor());
        value.put(envelope, stamped);
        return value;
    }

    private int position(String name) {
        Schema.Field field = schema.getField(name);
        if (field == null) {
            throw new IllegalArgumentException("the envelope of " + schema.getFullName() + " has no field " + name);
        }
        return field.pos();
    }
}
