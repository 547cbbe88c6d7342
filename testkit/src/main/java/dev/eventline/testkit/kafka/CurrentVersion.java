package dev.eventline.testkit.kafka;

import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.common.Envelope;
import org.apache.avro.specific.SpecificRecordBase;

/** Puts an event schema's current version in its envelope, as the emitter stamps it. */
final class CurrentVersion {

    private CurrentVersion() {}

    /** {@code event}, its envelope's {@code schemaVersion} set; returns it. */
    static <T extends SpecificRecordBase> T stamp(EventSchemas schemas, T event) {
        // The generated classes have builders, no setters.
        ((Envelope) event.get("envelope"))
                .put("schemaVersion", schemas.version(event.getSchema().getFullName()));
        return event;
    }
}
