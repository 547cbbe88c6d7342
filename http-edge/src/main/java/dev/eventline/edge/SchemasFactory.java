package dev.eventline.edge;

import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.codec.SchemaIds;
import dev.eventline.schemas.registry.RemoteSchemaIds;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.net.URI;

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

    /**
     * The schema ids values in Confluent's framing carry: the external registry's when one is
     * configured (its schemas registered or looked up at start-up, which blocks until it answers),
     * else derived from fingerprints.
     */
    @Singleton
    public SchemaIds schemaIds(EventSchemas schemas, SchemaRegistrySettings registry) {
        if (!registry.external()) {
            return SchemaIds.derived(schemas);
        }
        return RemoteSchemaIds.connect(
                URI.create(registry.getUrl()),
                schemas,
                registry.isRegister() ? RemoteSchemaIds.Mode.REGISTER : RemoteSchemaIds.Mode.LOOKUP,
                registry.getUserInfo());
    }
}
