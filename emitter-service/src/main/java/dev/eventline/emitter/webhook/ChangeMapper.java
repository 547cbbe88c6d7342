package dev.eventline.emitter.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.schemas.EventSchemas;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/**
 * The one rule for turning a row change into an emit request, by its source's table mapping: inserts
 * become {@code <prefix>.created}, updates {@code <prefix>.updated}, deletes {@code <prefix>.deleted}
 * (their record id from the deleted row); payload fields come from their mapped columns (or the column
 * of the same name); audience templates take their placeholders from the row; the tenant is the
 * source's or the row's.
 *
 * <p>The event id is derived, never drawn, so that a redelivered webhook is the same event and the
 * emitter's idempotency answers it with the first receipt: from the sender's delivery id when it sends
 * one, else from the change itself (the mapping's version column, or the whole row before and after).
 *
 * <p>Stateless and thread-safe; the request it returns is checked by the emit API's own validation.
 */
public final class ChangeMapper {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    /** What a change came to. */
    public sealed interface Mapped {

        /** Applies the function for what this is: every case handled, at compile time. */
        default <T> T match(Function<Event, T> event, Function<Unmapped, T> unmapped, Function<Unusable, T> unusable) {
            if (this instanceof Event e) {
                return event.apply(e);
            }
            return this instanceof Unmapped u ? unmapped.apply(u) : unusable.apply((Unusable) this);
        }
    }

    /**
     * An event to emit.
     *
     * @param tenant the tenant it belongs to
     * @param request the emit request (type, recordId, eventId, audience, payload)
     */
    public record Event(String tenant, ObjectNode request) implements Mapped {}

    /** The source maps no such table: the sender is configured for more than the mapping. */
    public record Unmapped(String detail) implements Mapped {}

    /** The mapping cannot make an event of this row (a column it needs is missing or empty). */
    public record Unusable(String detail) implements Mapped {}

    private final EventSchemas schemas;

    public ChangeMapper(EventSchemas schemas) {
        this.schemas = schemas;
    }

    /** Maps {@code change} from {@code source}; {@code deliveryId} is the sender's, or null. */
    public Mapped map(WebhookSource source, DatabaseChange change, String deliveryId) {
        WebhookSource.Table table = source.tables().get(change.qualifiedTable());
        if (table == null) {
            return new Unmapped("webhook source '" + source.name() + "' maps no table " + change.qualifiedTable());
        }
        JsonNode row = change.row();
        String recordId = text(row, table.recordId());
        String tenant = source.tenant() != null ? source.tenant() : text(row, source.tenantColumn());
        if (recordId == null || tenant == null) {
            return new Unusable("the row has no value in column '"
                    + (recordId == null ? table.recordId() : source.tenantColumn()) + "'");
        }
        String type = table.types().get(change.kind());
        ObjectNode request = JSON.createObjectNode()
                .put("type", type)
                .put("recordId", recordId)
                .put(
                        "eventId",
                        eventId(source, change, table, recordId, deliveryId).toString());
        if (!table.audience().isEmpty()) {
            var audience = request.putArray("audience");
            for (String template : table.audience()) {
                String entry = fill(template, row);
                if (entry == null) {
                    return new Unusable("audience '" + template + "' names a column the row lacks");
                }
                audience.add(entry);
            }
        }
        ObjectNode payload = request.putObject("payload");
        Schema schema = schemas.forEventType(type).orElseThrow();
        for (Schema.Field field : schema.getFields()) {
            String column = table.fields().getOrDefault(field.name(), field.name());
            if (!field.name().equals("envelope") && change.kind() != DatabaseChange.Kind.DELETE && row.has(column)) {
                payload.set(field.name(), row.get(column));
            }
        }
        return new Event(tenant, request);
    }

    private static UUID eventId(
            WebhookSource source,
            DatabaseChange change,
            WebhookSource.Table table,
            String recordId,
            String deliveryId) {
        String what;
        if (deliveryId != null) {
            what = "delivery\u0000" + deliveryId;
        } else {
            String version = table.version() == null ? null : text(change.row(), table.version());
            what = version != null
                    ? "version\u0000" + recordId + "\u0000" + version
                    : "change\u0000" + recordId + "\u0000" + change.record() + "\u0000" + change.oldRecord();
        }
        String name = "webhook\u0000" + source.name() + "\u0000" + change.qualifiedTable() + "\u0000" + change.kind()
                + "\u0000" + what;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code template} with each {@code {column}} replaced by the row's value, or null when one is missing. */
    private static String fill(String template, JsonNode row) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (placeholder.find()) {
            String value = text(row, placeholder.group(1));
            if (value == null) {
                return null;
            }
            placeholder.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(filled);
        return filled.toString();
    }

    private static String text(JsonNode row, String column) {
        JsonNode value = row.get(column);
        return value == null
                        || value.isNull()
                        || value.isContainerNode()
                        || value.asText().isBlank()
                ? null
                : value.asText();
    }
}
