package dev.eventline.schemas.typescript;

import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.catalog.EventTypeSpec;
import dev.eventline.schemas.catalog.TopicSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Writes {@code eventline-events.d.ts}: an interface per payload record, a type per enum, an event
 * type per catalog type (the JSON the stream, pages and snapshots carry, as {@link
 * dev.eventline.schemas.json.EventJson} writes it), their union {@code EventlineEvent} discriminated by
 * {@code type}, a map from type name to event, and the emit request of each type. Timestamps are
 * RFC 3339 strings, 64-bit integers are numbers (JSON numbers; exact to 2^53).
 *
 * <p>Not thread-safe; one instance writes one file.
 */
public final class TypeScriptDeclarations {

    private final EventSchemas schemas;
    private final Map<String, String> named = new LinkedHashMap<>();

    private TypeScriptDeclarations(EventSchemas schemas) {
        this.schemas = schemas;
    }

    /** The declarations of {@code schemas}' catalog. */
    public static String of(EventSchemas schemas) {
        return new TypeScriptDeclarations(schemas).write();
    }

    /** Writes the declarations to the file {@code args[0]} (the build does, into stream-service's client). */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out.getParent());
        Files.writeString(out, of(EventSchemas.load()));
    }

    private String write() {
        StringBuilder inputs = new StringBuilder();
        for (Schema record : schemas.currentSchemas()) {
            declareRecord(record, "envelope");
            inputs.append(input(record));
        }
        StringBuilder out = new StringBuilder();
        out.append("// Eventline event types, generated from the Avro schemas and the topic catalog\n")
                .append("// (TypeScriptDeclarations); do not edit. Timestamps are RFC 3339 strings.\n\n");
        named.values().forEach(declaration -> out.append(declaration).append('\n'));
        out.append(BASE).append(inputs).append('\n');
        List<String> events = new ArrayList<>();
        StringBuilder byType =
                new StringBuilder("/** Every event type by its name. */\nexport interface EventsByType {\n");
        StringBuilder emitByType = new StringBuilder(
                "/** Every emit request by its event type. */\nexport interface EmitRequestsByType {\n");
        for (TopicSpec topic : schemas.catalog().topics()) {
            for (EventTypeSpec type : topic.events()) {
                String name = typeName(type.type());
                String payload = schemas.current(type.schema()).orElseThrow().getName();
                out.append("/** A '")
                        .append(type.type())
                        .append("' event on '")
                        .append(topic.name())
                        .append("'. */\n")
                        .append("export type ")
                        .append(name)
                        .append(" = EventlineEventOf<'")
                        .append(type.type())
                        .append("', '")
                        .append(topic.name())
                        .append("', ")
                        .append(payload)
                        .append(">;\n\n");
                events.add(name);
                byType.append("  '")
                        .append(type.type())
                        .append("': ")
                        .append(name)
                        .append(";\n");
                emitByType
                        .append("  '")
                        .append(type.type())
                        .append("': EmitRequestOf<'")
                        .append(type.type())
                        .append("', ")
                        .append(payload)
                        .append("Input>;\n");
            }
        }
        out.append("/** Any event, told apart by `type`. */\nexport type EventlineEvent =\n  | ")
                .append(String.join("\n  | ", events))
                .append(";\n\n");
        out.append(byType).append("}\n\n");
        out.append("/** Every event type's name. */\nexport type EventType = keyof EventsByType;\n\n");
        out.append(emitByType).append("}\n\n");
        out.append("/** Any emit request, told apart by `type`. */\n")
                .append("export type EmitRequest = EmitRequestsByType[EventType];\n");
        return out.toString();
    }

    private String declareRecord(Schema record, String skipped) {
        String name = record.getName();
        if (named.containsKey(name)) {
            return name;
        }
        named.put(name, "");
        StringBuilder out = new StringBuilder();
        doc(out, record.getDoc(), "");
        out.append("export interface ").append(name).append(" {\n");
        for (Schema.Field field : record.getFields()) {
            if (field.name().equals(skipped)) {
                continue;
            }
            doc(out, field.doc(), "  ");
            out.append("  ")
                    .append(field.name())
                    .append(": ")
                    .append(type(field.schema()))
                    .append(";\n");
        }
        out.append("}\n");
        named.put(name, out.toString());
        return name;
    }

    /** A payload as producers send it: fields with a default may be left out. */
    private static String input(Schema record) {
        List<String> defaulted = record.getFields().stream()
                .filter(field -> !field.name().equals("envelope") && field.hasDefaultValue())
                .map(field -> "'" + field.name() + "'")
                .toList();
        String name = record.getName();
        return "/** " + name + " as producers send it"
                + (defaulted.isEmpty() ? "" : ": fields with a default may be left out")
                + ". */\nexport type " + name + "Input = "
                + (defaulted.isEmpty() ? name : "WithOptional<" + name + ", " + String.join(" | ", defaulted) + ">")
                + ";\n";
    }

    private String declareEnum(Schema schema) {
        String name = schema.getName();
        if (!named.containsKey(name)) {
            StringBuilder out = new StringBuilder();
            doc(out, schema.getDoc(), "");
            List<String> symbols =
                    schema.getEnumSymbols().stream().map(s -> "'" + s + "'").toList();
            out.append("export type ")
                    .append(name)
                    .append(" = ")
                    .append(String.join(" | ", symbols))
                    .append(";\n");
            named.put(name, out.toString());
        }
        return name;
    }

    private String type(Schema schema) {
        return switch (schema.getType()) {
            case NULL -> "null";
            case BOOLEAN -> "boolean";
            case INT, FLOAT, DOUBLE -> "number";
            case LONG -> schema.getLogicalType() instanceof LogicalTypes.TimestampMillis ? "string" : "number";
            case STRING, BYTES, FIXED -> "string";
            case ENUM -> declareEnum(schema);
            case ARRAY -> {
                String element = type(schema.getElementType());
                yield element.contains(" ") ? "Array<" + element + ">" : element + "[]";
            }
            case MAP -> "Record<string, " + type(schema.getValueType()) + ">";
            case RECORD -> declareRecord(schema, null);
            case UNION ->
                String.join(" | ", schema.getTypes().stream().map(this::type).toList());
        };
    }

    private static void doc(StringBuilder out, String doc, String indent) {
        if (doc != null && !doc.isBlank()) {
            out.append(indent).append("/** ").append(doc.replace("*/", "* /")).append(" */\n");
        }
    }

    /** {@code assignment.created} becomes {@code AssignmentCreated}. */
    static String typeName(String type) {
        StringBuilder name = new StringBuilder();
        for (String part : type.split("[._-]")) {
            if (!part.isEmpty()) {
                name.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return name + "Event";
    }

    private static final String BASE =
            """
            /** What every event carries besides its payload, as readers get it. */
            export interface EventlineEventOf<Type extends string, Topic extends string, Payload> {
              /** Unique id of the event (UUID). */
              eventId: string;
              /** The event type; tells the union apart. */
              type: Type;
              /** The tenant the event belongs to. */
              tenantId: string;
              /** The record the event is about; snapshots keep the latest event per record. */
              recordId: string;
              /** When the producer says it happened, RFC 3339. */
              emittedAt: string;
              /** The producer that emitted it. */
              emittedBy: string;
              /** The user the producer acted for, when it said. */
              actor?: string;
              /** The version of the event's schema it was written with. */
              schemaVersion: number;
              /** The topic it was read from. */
              topic: Topic;
              /** The event's own fields. */
              payload: Payload;
            }

            /** T with the keys K optional. */
            export type WithOptional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

            /** The body of POST /v1/events for one event. */
            export interface EmitRequestOf<Type extends string, Payload> {
              type: Type;
              recordId: string;
              payload: Payload;
              /** Your id for the event; also the idempotency key. */
              eventId?: string;
              /** When it happened: RFC 3339 or epoch milliseconds; default now. */
              emittedAt?: string | number;
              /** 'user:<sub>' and 'group:<name>' entries; empty for the whole tenant where allowed. */
              audience?: string[];
              /** The user on whose behalf you act. */
              actor?: string;
              /** Only for platform tokens. */
              tenantId?: string;
            }

            """;
}
