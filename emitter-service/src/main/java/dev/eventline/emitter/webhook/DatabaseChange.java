package dev.eventline.emitter.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One row change in the common webhook shape ({@code type}, {@code table}, {@code schema}, {@code
 * record}, {@code old_record}), as Supabase's database webhooks and most trigger-based relays send it.
 *
 * @param kind what happened to the row
 * @param table the table's name
 * @param schema the table's schema ({@code public} when the sender omits it)
 * @param record the row after the change (null for a delete)
 * @param oldRecord the row before it (null for an insert; senders may omit it on updates)
 */
public record DatabaseChange(Kind kind, String table, String schema, JsonNode record, JsonNode oldRecord) {

    /** The change's kind. */
    public enum Kind {
        INSERT,
        UPDATE,
        DELETE
    }

    /** The schema assumed when a sender names none. */
    static final String DEFAULT_SCHEMA = "public";

    /** {@code schema.table}, the key of the source's table mappings. */
    public String qualifiedTable() {
        return schema + "." + table;
    }

    /** The row the event is about: the new one, or the old one for a delete. */
    public JsonNode row() {
        return kind == Kind.DELETE ? oldRecord : record;
    }

    /**
     * Parses a webhook body; every problem is added to {@code problems} (a JSON pointer and what is
     * wrong), and the change is null when there is any.
     */
    public static DatabaseChange parse(JsonNode body, List<String> problems) {
        List<String> found = new ArrayList<>();
        if (!body.isObject()) {
            problems.add("/: must be an object with type, table, schema, record and old_record");
            return null;
        }
        Kind kind = null;
        String type = body.path("type").asText("");
        try {
            kind = Kind.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            found.add("/type: must be INSERT, UPDATE or DELETE, was '" + type + "'");
        }
        String table = body.path("table").asText("");
        if (table.isBlank()) {
            found.add("/table: required");
        }
        String schema = body.path("schema").asText(DEFAULT_SCHEMA);
        JsonNode record = body.get("record");
        JsonNode oldRecord = body.get("old_record");
        if (kind == Kind.DELETE ? !isObject(oldRecord) : !isObject(record)) {
            found.add(kind == Kind.DELETE ? "/old_record: a delete needs the deleted row" : "/record: required");
        }
        problems.addAll(found);
        return found.isEmpty()
                ? new DatabaseChange(kind, table, schema, record, isObject(oldRecord) ? oldRecord : null)
                : null;
    }

    private static boolean isObject(JsonNode node) {
        return node != null && node.isObject();
    }
}
