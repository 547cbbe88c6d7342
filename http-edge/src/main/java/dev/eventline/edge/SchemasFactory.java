package dev.eventline.edge;

import dev.eventline.schemas.EventSchemas;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * Makes the platform's schemas and topic catalog (from the schemas jar) injectable in both services;
 * loaded once. Here because this module is the Micronaut code both services share.
 */
@Factory
public class SchemasFactory {

    /** The event schemas, catalog included. */
    @Singleton
    public EventSchemas eventSchemas() {
        return EventSchemas.load();
    }
}
