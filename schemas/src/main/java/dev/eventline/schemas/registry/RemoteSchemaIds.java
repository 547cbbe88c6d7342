package dev.eventline.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.catalog.EventTypeSpec;
import dev.eventline.schemas.catalog.TopicSpec;
import dev.eventline.schemas.codec.SchemaIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * {@link SchemaIds} of an external registry that speaks Confluent's REST API (Confluent Schema
 * Registry, Apicurio's {@code /apis/ccompat/v7}, Karapace): the ids values in Confluent's framing then
 * carry are that registry's, so every tool pointed at it reads the platform's records.
 *
 * <p>At {@link #connect}, every current and released schema of the catalog is registered under its
 * subject ({@code <topic>-<record full name>}, {@link Subject}), oldest version first, or, for readers,
 * only looked up; a schema the registry refuses or lacks stops the service, naming it. Ids met later
 * that the platform does not know (written by another deployment's release) are fetched once and
 * cached. Thread-safe; {@link #connect} and {@link #schemaOf} of an unknown id block on HTTP.
 */
public final class RemoteSchemaIds implements SchemaIds {

    /** What {@link #connect} does with the catalog's schemas. */
    public enum Mode {
        /** Registers them (the writer: the emitter); the registry answers the ids it has or gives. */
        REGISTER,
        /** Looks them up (readers): they must have been registered already. */
        LOOKUP
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final String authorization;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Map<Long, Integer> idByFingerprint = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemaById = new ConcurrentHashMap<>();
    private final Map<Long, Schema> known = new ConcurrentHashMap<>();

    private RemoteSchemaIds(URI base, String userInfo) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
        this.authorization = userInfo == null || userInfo.isBlank()
                ? null
                : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The ids of {@code registry} for every schema of {@code schemas}, registered or looked up as
     * {@code mode} says. {@code userInfo} ({@code key:secret}) authenticates with HTTP Basic when not
     * null (Confluent Cloud's API keys). Throws {@link IllegalStateException} naming the first schema
     * the registry refuses or lacks, or when it does not answer.
     */
    public static RemoteSchemaIds connect(URI registry, EventSchemas schemas, Mode mode, String userInfo) {
        RemoteSchemaIds ids = new RemoteSchemaIds(registry, userInfo);
        for (TopicSpec topic : schemas.catalog().topics()) {
            Set<String> records = new LinkedHashSet<>();
            topic.events().stream().map(EventTypeSpec::schema).forEach(records::add);
            for (String record : records) {
                Subject subject = new Subject(topic.name(), record);
                for (Schema version : schemas.versions(record)) {
                    ids.remember(version, ids.idOf(subject, version, mode));
                }
            }
        }
        return ids;
    }

    @Override
    public int idOf(Schema schema) {
        Integer id = idByFingerprint.get(EventSchemas.fingerprint(schema));
        if (id == null) {
            throw new IllegalArgumentException(schema.getFullName() + " is not a schema of the catalog");
        }
        return id;
    }

    @Override
    public Optional<Schema> schemaOf(int id) {
        Schema cached = schemaById.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        HttpResponse<String> answer =
                send(HttpRequest.newBuilder(base.resolve("schemas/ids/" + id)).GET());
        if (answer.statusCode() == 404) {
            return Optional.empty();
        }
        Schema fetched =
                new Schema.Parser().parse(field(answer, "schema", "id " + id).asText());
        // The catalog's own instance when it is one of ours: readers resolve against it.
        Schema schema = known.getOrDefault(SchemaNormalization.parsingFingerprint64(fetched), fetched);
        schemaById.put(id, schema);
        return Optional.of(schema);
    }

    private int idOf(Subject subject, Schema schema, Mode mode) {
        String path = "subjects/" + URLEncoder.encode(subject.name(), StandardCharsets.UTF_8)
                + (mode == Mode.REGISTER ? "/versions" : "");
        String body = JSON.createObjectNode().put("schema", schema.toString()).toString();
        HttpResponse<String> answer = send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        return field(answer, "id", (mode == Mode.REGISTER ? "registering " : "looking up ") + subject.name())
                .asInt();
    }

    private void remember(Schema schema, int id) {
        long fingerprint = EventSchemas.fingerprint(schema);
        idByFingerprint.put(fingerprint, id);
        schemaById.putIfAbsent(id, schema);
        known.put(fingerprint, schema);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        request.timeout(TIMEOUT).header("Accept", CONTENT_TYPE + ", application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("the schema registry at " + base + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted asking the schema registry", e);
        }
    }

    private static JsonNode field(HttpResponse<String> answer, String name, String what) {
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (IOException e) {
            body = JSON.createObjectNode();
        }
        if (answer.statusCode() / 100 != 2 || body == null || !body.hasNonNull(name)) {
            throw new IllegalStateException(
                    "the schema registry refused " + what + ": " + answer.statusCode() + " " + answer.body());
        }
        return body.get(name);
    }
}
