package dev.eventline.emitter.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.catalog.Addressing;
import dev.eventline.schemas.catalog.TopicSpec;
import dev.eventline.schemas.envelope.Audience;
import dev.eventline.schemas.envelope.EnvelopeRules;
import dev.eventline.schemas.json.FieldError;
import dev.eventline.schemas.json.JsonToAvro;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Validates one event of an emit request against the catalog and the Avro schema of its type.
 *
 * <p>The request shape: {@code type}, {@code recordId} and {@code payload} are required; {@code
 * eventId} (UUID), {@code emittedAt} (ISO-8601 or epoch ms), {@code audience} ({@code user:<sub>},
 * {@code group:<name>} or bare user ids; required on topics the catalog addresses by audience),
 * {@code actor} (the user the producer acted for) and {@code tenantId} are optional; nothing else is
 * allowed. Every wrong field is reported with its pointer. Stateless and thread-safe.
 */
public final class EventValidator {

    /** Record ids end up in keys, snapshots and URLs; this bounds them. */
    public static final int MAX_ID_LENGTH = EnvelopeRules.MAX_ID_LENGTH;

    private static final Set<String> FIELDS =
            Set.of("type", "recordId", "payload", "eventId", "emittedAt", "audience", "actor", "tenantId");
    private static final Set<String> ENVELOPE = Set.of("envelope");

    private final EventSchemas schemas;

    /** A validator over the platform's schemas and catalog. */
    public EventValidator(EventSchemas schemas) {
        this.schemas = schemas;
    }

    /**
     * Validates {@code json} found at {@code pointer} of the request body ("" for a single event,
     * "/3" for the fourth of a batch). Returns the event, or empty with {@code errors} filled.
     */
    public Optional<ValidatedEvent> validate(JsonNode json, String pointer, List<FieldError> errors) {
        if (json == null || !json.isObject()) {
            errors.add(new FieldError(pointer, "an event must be a JSON object"));
            return Optional.empty();
        }
        int before = errors.size();
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(
                        FieldError.child(pointer, name), "is not a field of an event; allowed: " + FIELDS));
            }
        }
        String type = id(json, "type", pointer, true, errors);
        String recordId = id(json, "recordId", pointer, true, errors);
        UUID eventId = eventId(json, pointer, errors);
        Long emittedAt = emittedAt(json, pointer, errors);
        List<String> audience = audience(json, pointer, errors);
        String actor = id(json, "actor", pointer, false, errors);
        String tenantId = tenantId(json, pointer, errors);
        GenericData.Record record = null;
        if (type != null) {
            Optional<Schema> schema = schemas.forEventType(type);
            if (schema.isEmpty()) {
                errors.add(new FieldError(FieldError.child(pointer, "type"), "is not a known event type"));
            } else {
                record = JsonToAvro.record(
                        schema.get(), json.get("payload"), FieldError.child(pointer, "payload"), ENVELOPE, errors);
                requireAudience(type, audience, pointer, errors);
            }
        }
        if (errors.size() > before) {
            return Optional.empty();
        }
        return Optional.of(
                new ValidatedEvent(type, recordId, record, eventId, emittedAt, audience, actor, tenantId, json));
    }

    /** An audience-addressed topic takes no event without an audience: it would reach nobody. */
    private void requireAudience(String type, List<String> audience, String pointer, List<FieldError> errors) {
        TopicSpec topic = schemas.catalog().topicOf(type).orElseThrow();
        String at = FieldError.child(pointer, "audience");
        if (topic.addressing() != Addressing.AUDIENCE
                || !audience.isEmpty()
                || errors.stream()
                        .anyMatch(error ->
                                error.pointer().equals(at) || error.pointer().startsWith(at + "/"))) {
            return;
        }
        errors.add(new FieldError(
                at,
                "is required: topic " + topic.name() + " is addressed by audience; name at least one "
                        + "'user:<id>' or 'group:<name>'"));
    }

    private static String id(JsonNode json, String field, String pointer, boolean required, List<FieldError> errors) {
        JsonNode value = json.get(field);
        String at = FieldError.child(pointer, field);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(new FieldError(at, "is required"));
            }
            return null;
        }
        String problem = value.isTextual() ? EnvelopeRules.idProblem(value.textValue()) : "must be a non-empty string";
        if (problem != null) {
            errors.add(new FieldError(at, problem));
            return null;
        }
        return value.textValue();
    }

    private static UUID eventId(JsonNode json, String pointer, List<FieldError> errors) {
        JsonNode value = json.get("eventId");
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            if (value.isTextual()) {
                return UUID.fromString(value.textValue());
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        errors.add(new FieldError(FieldError.child(pointer, "eventId"), "must be a UUID"));
        return null;
    }

    private static Long emittedAt(JsonNode json, String pointer, List<FieldError> errors) {
        JsonNode value = json.get("emittedAt");
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong() && EnvelopeRules.isMillisInRange(value.longValue())) {
            return value.longValue();
        }
        OptionalLong iso = value.isTextual() ? EnvelopeRules.isoMillis(value.textValue()) : OptionalLong.empty();
        if (iso.isPresent()) {
            return iso.getAsLong();
        }
        errors.add(new FieldError(FieldError.child(pointer, "emittedAt"), "must be " + EnvelopeRules.instantForm()));
        return null;
    }

    private static String tenantId(JsonNode json, String pointer, List<FieldError> errors) {
        String tenant = id(json, "tenantId", pointer, false, errors);
        if (tenant != null && !EnvelopeRules.isTenantId(tenant)) {
            errors.add(new FieldError(
                    FieldError.child(pointer, "tenantId"),
                    "must be 1 to " + EnvelopeRules.MAX_TENANT_LENGTH + " characters of A-Z a-z 0-9 . _ : @ -"));
            return null;
        }
        return tenant;
    }

    private static List<String> audience(JsonNode json, String pointer, List<FieldError> errors) {
        JsonNode value = json.get("audience");
        if (value == null || value.isNull()) {
            return List.of();
        }
        String at = FieldError.child(pointer, "audience");
        if (!value.isArray()) {
            errors.add(new FieldError(at, "must be an array of audience entries ('user:<id>', 'group:<name>')"));
            return List.of();
        }
        if (value.size() > EnvelopeRules.MAX_AUDIENCE) {
            errors.add(new FieldError(
                    at,
                    "has " + value.size() + " entries; at most " + EnvelopeRules.MAX_AUDIENCE
                            + " (address the tenant instead)"));
            return List.of();
        }
        List<String> users = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode user = value.get(i);
            String problem = user.isTextual() ? Audience.entryProblem(user.textValue()) : "must be a non-empty string";
            if (problem == null) {
                users.add(user.textValue());
            } else {
                errors.add(new FieldError(FieldError.child(at, i), problem));
            }
        }
        return List.copyOf(users);
    }
}
