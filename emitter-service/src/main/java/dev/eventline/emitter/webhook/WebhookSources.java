package dev.eventline.emitter.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.catalog.EventTypeSpec;
import dev.eventline.schemas.catalog.TopicCatalog;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The declared webhook sources, read once at start-up and checked against the catalog (every event
 * type a table maps to exists), so a wrong mapping stops the service instead of failing deliveries.
 *
 * <pre>{@code
 * {"sources": {"lms-db": {
 *    "secretEnv": "LMS_DB_WEBHOOK_SECRET",
 *    "tenantColumn": "school_id",
 *    "tables": {"public.assignments": {
 *       "events": "assignment", "recordId": "id", "version": "updated_at",
 *       "fields": {"classId": "class_id", "dueAt": "due_at"},
 *       "audience": ["group:class:{class_id}"]}}}}}
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
@Singleton
public final class WebhookSources {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, WebhookSource> sources;

    /** The sources {@code settings} declare; environment variables resolve {@code secretEnv}. */
    public WebhookSources(WebhookSettings settings, EventSchemas schemas) {
        this(read(settings), schemas.catalog(), System::getenv);
    }

    WebhookSources(JsonNode declared, TopicCatalog catalog, UnaryOperator<String> environment) {
        Map<String, WebhookSource> parsed = new HashMap<>();
        declared.path("sources")
                .fields()
                .forEachRemaining(entry ->
                        parsed.put(entry.getKey(), source(entry.getKey(), entry.getValue(), catalog, environment)));
        this.sources = Map.copyOf(parsed);
    }

    /** The source of this name, if declared. */
    public Optional<WebhookSource> source(String name) {
        return Optional.ofNullable(sources.get(name));
    }

    private static JsonNode read(WebhookSettings settings) {
        try {
            if (settings.getFile() != null && !settings.getFile().isBlank()) {
                return JSON.readTree(Files.readString(Path.of(settings.getFile()), StandardCharsets.UTF_8));
            }
            return settings.getJson() == null || settings.getJson().isBlank()
                    ? JSON.createObjectNode()
                    : JSON.readTree(settings.getJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the webhook sources", e);
        }
    }

    private static WebhookSource source(
            String name, JsonNode source, TopicCatalog catalog, UnaryOperator<String> environment) {
        String secret = source.hasNonNull("secretEnv")
                ? environment.apply(source.get("secretEnv").asText())
                : source.path("secret").asText(null);
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("webhook source '" + name
                    + "' needs a secret of at least 16 characters (secretEnv names the variable holding it)");
        }
        String tenant = source.path("tenant").asText(null);
        String tenantColumn = source.path("tenantColumn").asText(null);
        if ((tenant == null) == (tenantColumn == null)) {
            throw new IllegalArgumentException("webhook source '" + name + "' needs either tenant or tenantColumn");
        }
        Map<String, WebhookSource.Table> tables = new HashMap<>();
        source.path("tables")
                .fields()
                .forEachRemaining(entry ->
                        tables.put(entry.getKey(), table(name + "/" + entry.getKey(), entry.getValue(), catalog)));
        return new WebhookSource(name, secret.getBytes(StandardCharsets.UTF_8), tenant, tenantColumn, tables);
    }

    private static WebhookSource.Table table(String where, JsonNode table, TopicCatalog catalog) {
        String events = table.path("events").asText("");
        Map<DatabaseChange.Kind, String> types = new EnumMap<>(DatabaseChange.Kind.class);
        types.put(DatabaseChange.Kind.INSERT, events + ".created");
        types.put(DatabaseChange.Kind.UPDATE, events + ".updated");
        types.put(DatabaseChange.Kind.DELETE, events + ".deleted");
        table.path("types")
                .fields()
                .forEachRemaining(entry -> types.put(
                        DatabaseChange.Kind.valueOf(entry.getKey().toUpperCase(Locale.ROOT)),
                        entry.getValue().asText()));
        types.forEach((kind, type) -> {
            if (catalog.eventType(type).isEmpty()) {
                throw new IllegalArgumentException("webhook table " + where + " maps " + kind + " to " + type
                        + ", which the catalog lacks (name it under \"types\")");
            }
            if ((kind == DatabaseChange.Kind.DELETE) != EventTypeSpec.isDeletion(type)) {
                throw new IllegalArgumentException("webhook table " + where + " maps " + kind + " to " + type
                        + ": deletes, and only deletes, map to a *.deleted type");
            }
        });
        String recordId = table.path("recordId").asText("");
        if (recordId.isBlank()) {
            throw new IllegalArgumentException("webhook table " + where + " needs recordId (the id column)");
        }
        Map<String, String> fields = new HashMap<>();
        table.path("fields")
                .fields()
                .forEachRemaining(
                        entry -> fields.put(entry.getKey(), entry.getValue().asText()));
        List<String> audience = new ArrayList<>();
        table.path("audience").forEach(entry -> audience.add(entry.asText()));
        return new WebhookSource.Table(
                Map.copyOf(types),
                recordId,
                Map.copyOf(fields),
                List.copyOf(audience),
                table.path("version").asText(null));
    }
}
