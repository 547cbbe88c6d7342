package dev.eventline.stream.kafka;

import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.codec.EventCodec;
import dev.eventline.schemas.codec.SchemaIds;
import dev.eventline.schemas.codec.WireFormat;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The one {@link EventDecoder} of the stream service, shared by the live tail, the catch-up readers and
 * the snapshot store: it reads both wire formats, resolving Confluent-framed ids with the deployment's
 * {@link SchemaIds} (derived, or an external registry's).
 */
@Factory
final class DecoderFactory {

    @Singleton
    EventDecoder eventDecoder(EventSchemas schemas, SchemaIds ids) {
        // The format is what the codec writes; this one only reads, and reads both.
        return new EventDecoder(new EventCodec(schemas, WireFormat.SINGLE_OBJECT, ids));
    }
}
