package dev.eventline.emitter.validation;

import java.util.List;
import java.util.UUID;
import org.apache.avro.generic.GenericData;

/**
 * An event request that passed validation, not yet stamped with its envelope.
 *
 * @param type the catalog event type
 * @param recordId the record the event is about
 * @param record the Avro record of the type's schema with the payload filled in, envelope unset
 * @param eventId the producer's event id, or null to assign one
 * @param emittedAt the producer's emitted-at in epoch millis, or null for now
 * @param audience user ids the event is addressed to (empty: the whole tenant)
 * @param tenantId the tenant named in the request, or null for the token's
 * @param fingerprint a digest of the request event, to tell a true retry from a reused key
 */
public record ValidatedEvent(
        String type,
        String recordId,
        GenericData.Record record,
        UUID eventId,
        Long emittedAt,
        List<String> audience,
        String tenantId,
        String fingerprint) {}
