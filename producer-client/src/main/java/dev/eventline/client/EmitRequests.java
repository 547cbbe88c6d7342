package dev.eventline.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.codec.EventCodec;
import dev.eventline.schemas.common.Envelope;
import dev.eventline.schemas.json.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;

/**
 * Events of the generated classes as the emit API's JSON, and the emitter's answers back. The payload
 * is written by the schemas jar's own Avro-to-JSON mapping (after one Avro round trip, so logical
 * types are written as the emitter reads them), never by hand. Thread-safe.
 */
final class EmitRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventSchemas schemas;
    private final EventCodec codec;

    EmitRequests(EventSchemas schemas) {
        this.schemas = schemas;
        this.codec = new EventCodec(schemas);
    }

    /**
     * The emit request of {@code event}: type, record id, event id, emitted-at, audience and actor from
     * its envelope, the rest as the payload. Throws {@link IllegalArgumentException} for an event the
     * catalog does not know or one without an event id.
     */
    ObjectNode request(SpecificRecord event) {
        Envelope envelope =
                (Envelope) event.get(event.getSchema().getField("envelope").pos());
        if (envelope.getEventId() == null) {
            throw new IllegalArgumentException("the event needs an id (Drafts.envelope gives it one)");
        }
        // The emitter would refuse it with 400 anyway; this says so before anything is queued.
        String schema = schemas.catalog()
                .eventType(envelope.getType())
                .orElseThrow(() -> new IllegalArgumentException(
                        "'" + envelope.getType() + "' is not an event type of the catalog"))
                .schema();
        if (!schema.equals(event.getSchema().getFullName())) {
            throw new IllegalArgumentException("events of type '" + envelope.getType() + "' are " + schema + ", not "
                    + event.getSchema().getFullName());
        }
        GenericRecord generic = codec.decode(codec.encode(event));
        ObjectNode request = JSON.createObjectNode()
                .put("type", envelope.getType())
                .put("recordId", envelope.getRecordId())
                .put("eventId", envelope.getEventId().toString())
                .put("emittedAt", envelope.getEmittedAt().toEpochMilli());
        if (!envelope.getAudience().isEmpty()) {
            ArrayNode audience = request.putArray("audience");
            envelope.getAudience().forEach(entry -> audience.add(entry.toString()));
        }
        if (envelope.getActor() != null) {
            request.put("actor", envelope.getActor());
        }
        try {
            request.set("payload", JSON.readTree(EventJson.payload(generic)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return request;
    }

    /** The body of a batch request. */
    static String batch(List<ObjectNode> requests) {
        ArrayNode array = JSON.createArrayNode();
        requests.forEach(array::add);
        return array.toString();
    }

    /** A JSON body, or an empty object when it is not JSON (a proxy's error page). */
    static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
