package dev.eventline.schemas.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventline.schemas.envelope.EnvelopeRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Converts JSON to the generic Avro datum of a schema, collecting every mismatch instead of stopping
 * at the first: wrong types, missing required fields, unknown fields, bad enum symbols, out-of-range
 * numbers ({@code minimum}/{@code maximum} field properties), malformed UUIDs and timestamps.
 *
 * <p>JSON conventions: {@code timestamp-millis} accepts ISO-8601 instants or epoch milliseconds; a
 * nullable field ({@code ["null", T]}) takes {@code null} or a plain {@code T}, and may be omitted
 * when it has a default. Stateless and thread-safe.
 */
public final class JsonToAvro {

    private JsonToAvro() {}

    /**
     * Converts a JSON object to a record of {@code schema}, leaving out the {@code skipped} fields
     * (set by the caller, e.g. the envelope). Returns null and adds to {@code errors} when invalid.
     */
    public static GenericData.Record record(
            Schema schema, JsonNode json, String pointer, Set<String> skipped, List<FieldError> errors) {
        if (json == null || !json.isObject()) {
            errors.add(new FieldError(pointer, "must be an object"));
            return null;
        }
        int before = errors.size();
        int matched = 0;
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            if (skipped.contains(field.name())) {
                continue;
            }
            String at = FieldError.child(pointer, field.name());
            JsonNode value = json.get(field.name());
            if (value != null) {
                matched++;
            }
            if (value == null || value.isMissingNode()) {
                if (field.hasDefaultValue()) {
                    record.put(field.pos(), GenericData.get().getDefaultValue(field));
                } else {
                    errors.add(new FieldError(at, "is required (" + describe(field.schema()) + ")"));
                }
                continue;
            }
            Object datum = value(field.schema(), value, at, errors);
            checkRange(field, datum, at, errors);
            record.put(field.pos(), datum);
        }
        // Every member was a field: no name to look up again.
        if (matched != json.size()) {
            reportUnknown(schema, json, pointer, skipped, errors);
        }
        return errors.size() == before ? record : null;
    }

    private static void reportUnknown(
            Schema schema, JsonNode json, String pointer, Set<String> skipped, List<FieldError> errors) {
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (schema.getField(name) == null || skipped.contains(name)) {
                errors.add(new FieldError(FieldError.child(pointer, name), "is not a field of " + schema.getName()));
            }
        }
    }

    private static Object value(Schema schema, JsonNode json, String at, List<FieldError> errors) {
        switch (schema.getType()) {
            case NULL:
                return json.isNull() ? null : fail(errors, at, "must be null");
            case BOOLEAN:
                return json.isBoolean() ? json.booleanValue() : fail(errors, at, "must be a boolean");
            case INT:
                return json.isIntegralNumber() && json.canConvertToInt()
                        ? json.intValue()
                        : fail(errors, at, "must be an integer between -2^31 and 2^31-1");
            case LONG:
                return longValue(schema.getLogicalType(), json, at, errors);
            case FLOAT:
            case DOUBLE:
                if (!json.isNumber()) {
                    return fail(errors, at, "must be a number");
                }
                double number = json.doubleValue();
                if (!Double.isFinite(number)
                        || (schema.getType() == Schema.Type.FLOAT && !Float.isFinite(json.floatValue()))) {
                    return fail(
                            errors,
                            at,
                            "must be a finite number within the range of a "
                                    + schema.getType().getName());
                }
                return schema.getType() == Schema.Type.FLOAT ? (Object) json.floatValue() : number;
            case STRING:
                return stringValue(schema.getLogicalType(), json, at, errors);
            case ENUM:
                if (json.isTextual() && schema.hasEnumSymbol(json.textValue())) {
                    return new GenericData.EnumSymbol(schema, json.textValue());
                }
                return fail(errors, at, "must be one of " + schema.getEnumSymbols());
            case ARRAY:
                return arrayValue(schema, json, at, errors);
            case MAP:
                return mapValue(schema, json, at, errors);
            case RECORD:
                return record(schema, json, at, Set.of(), errors);
            case UNION:
                return unionValue(schema, json, at, errors);
            default:
                return fail(errors, at, "has a type events cannot carry (" + schema.getType() + ")");
        }
    }

    private static Object longValue(LogicalType logical, JsonNode json, String at, List<FieldError> errors) {
        boolean timestamp = logical instanceof LogicalTypes.TimestampMillis;
        if (json.isIntegralNumber()
                && json.canConvertToLong()
                && (!timestamp || EnvelopeRules.isMillisInRange(json.longValue()))) {
            return json.longValue();
        }
        if (timestamp && json.isTextual()) {
            OptionalLong millis = EnvelopeRules.isoMillis(json.textValue());
            if (millis.isPresent()) {
                return millis.getAsLong();
            }
        }
        return fail(errors, at, timestamp ? "must be " + EnvelopeRules.instantForm() : "must be an integer");
    }

    private static Object stringValue(LogicalType logical, JsonNode json, String at, List<FieldError> errors) {
        if (!json.isTextual()) {
            return fail(errors, at, "must be a string");
        }
        if (logical != null && "uuid".equals(logical.getName())) {
            try {
                return UUID.fromString(json.textValue()).toString();
            } catch (IllegalArgumentException e) {
                return fail(errors, at, "must be a UUID");
            }
        }
        return json.textValue();
    }

    private static Object arrayValue(Schema schema, JsonNode json, String at, List<FieldError> errors) {
        if (!json.isArray()) {
            return fail(errors, at, "must be an array");
        }
        List<Object> items = new ArrayList<>(json.size());
        for (int i = 0; i < json.size(); i++) {
            items.add(value(schema.getElementType(), json.get(i), FieldError.child(at, i), errors));
        }
        return new GenericData.Array<>(schema, items);
    }

    private static Object mapValue(Schema schema, JsonNode json, String at, List<FieldError> errors) {
        if (!json.isObject()) {
            return fail(errors, at, "must be an object");
        }
        Map<String, Object> map = new HashMap<>();
        json.fields()
                .forEachRemaining(entry -> map.put(
                        entry.getKey(),
                        value(schema.getValueType(), entry.getValue(), FieldError.child(at, entry.getKey()), errors)));
        return map;
    }

    private static Object unionValue(Schema schema, JsonNode json, String at, List<FieldError> errors) {
        List<Schema> types = schema.getTypes();
        if (json.isNull()) {
            return schema.getIndexNamed(Schema.Type.NULL.getName()) != null
                    ? null
                    : fail(errors, at, "must not be null");
        }
        int branches = types.size() - (schema.getIndexNamed(Schema.Type.NULL.getName()) != null ? 1 : 0);
        for (Schema branch : types) {
            if (branch.getType() == Schema.Type.NULL) {
                continue;
            }
            if (branches == 1) {
                // The usual nullable field: its one type's errors say more than "must be ...".
                return value(branch, json, at, errors);
            }
            List<FieldError> attempt = new ArrayList<>();
            Object datum = value(branch, json, at, attempt);
            if (attempt.isEmpty()) {
                return datum;
            }
        }
        return fail(errors, at, "must be " + describe(schema));
    }

    private static void checkRange(Schema.Field field, Object datum, String at, List<FieldError> errors) {
        if (!(datum instanceof Number number)) {
            return;
        }
        Object min = field.getObjectProp("minimum");
        Object max = field.getObjectProp("maximum");
        if (min instanceof Number m && number.doubleValue() < m.doubleValue()) {
            errors.add(new FieldError(at, "must be at least " + m));
        }
        if (max instanceof Number m && number.doubleValue() > m.doubleValue()) {
            errors.add(new FieldError(at, "must be at most " + m));
        }
    }

    private static String describe(Schema schema) {
        return switch (schema.getType()) {
            case UNION ->
                String.join(
                        " or ",
                        schema.getTypes().stream().map(JsonToAvro::describe).toList());
            case ENUM -> "one of " + schema.getEnumSymbols();
            case RECORD -> "an object";
            case ARRAY -> "an array";
            case LONG -> schema.getLogicalType() instanceof LogicalTypes.TimestampMillis ? "a timestamp" : "an integer";
            case INT -> "an integer";
            case FLOAT, DOUBLE -> "a number";
            default -> "a " + schema.getType().getName();
        };
    }

    private static Object fail(List<FieldError> errors, String at, String reason) {
        errors.add(new FieldError(at, reason));
        return null;
    }
}
