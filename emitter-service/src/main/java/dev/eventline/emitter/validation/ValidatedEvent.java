package dev.eventline.emitter.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
 * @param audience the entries the event is addressed to ({@code user:}, {@code group:}, bare user ids;
 *     empty: the whole tenant, allowed on tenant-addressed topics only)
 * @param actor the user on whose behalf the producer acted, or null
 * @param tenantId the tenant named in the request, or null for the token's
 * @param source the event as requested (not to be modified)
 */
public record ValidatedEvent(
        String type,
        String recordId,
        GenericData.Record record,
        UUID eventId,
        Long emittedAt,
        List<String> audience,
        String actor,
        String tenantId,
        JsonNode source) {

    // Members in name order at every level: a retry that orders its members differently is the same event.
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /**
     * A digest of the request event, to tell a true retry from a reused idempotency key: the same for
     * the same members and values in any order. Computed on demand: only events with a key need it,
     * and it serializes the whole event again.
     */
    public String fingerprint() {
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(CANONICAL.treeToValue(source, Object.class));
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical);
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed event serializes again", e);
        }
    }
}
