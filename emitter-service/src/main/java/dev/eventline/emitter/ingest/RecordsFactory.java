package dev.eventline.emitter.ingest;

import dev.eventline.emitter.config.EmitterSettings;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.codec.EventCodec;
import dev.eventline.schemas.codec.EventRecords;
import dev.eventline.schemas.codec.SchemaIds;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The emitter's {@link EventRecords}: values in the deployment's wire format, Confluent-framed ones
 * with the deployment's {@link SchemaIds} (derived, or an external registry's).
 */
@Factory
final class RecordsFactory {

    @Singleton
    EventRecords eventRecords(EventSchemas schemas, EmitterSettings settings, SchemaIds ids) {
        return new EventRecords(schemas, new EventCodec(schemas, settings.wireFormat(), ids));
    }
}
