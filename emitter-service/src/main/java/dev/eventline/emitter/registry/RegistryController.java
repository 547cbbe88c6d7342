package dev.eventline.emitter.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.codec.SchemaIds;
import dev.eventline.schemas.registry.CatalogRegistry;
import dev.eventline.schemas.registry.RegisteredSchema;
import dev.eventline.schemas.registry.RegistryAnswer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.Schema;

/**
 * The read paths of Confluent's Schema Registry REST API, over the catalog's schemas: what
 * deserializers and tools call to turn a schema id into a schema, and lookups by schema. Writes
 * (registering, deleting, changing compatibility) are not offered: schemas change only by a release of
 * the schemas module.
 *
 * <p>Open to anyone who reaches the port, like the OpenAPI files: the schemas are those of the public
 * schemas jar, and every answer comes from memory. Errors carry Confluent's {@code error_code} and
 * {@code message} inside a problem+json body, so both kinds of client read them. Stateless and
 * non-blocking.
 */
@Controller("/registry")
@Secured(SecurityRule.IS_ANONYMOUS)
// Confluent's clients ask for their own types first; every answer is the same JSON.
@Produces({RegistryController.MEDIA_TYPE, "application/vnd.schemaregistry+json", MediaType.APPLICATION_JSON})
public final class RegistryController {

    /** Confluent's media type; its clients accept it and plain JSON. */
    static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CatalogRegistry registry;

    /**
     * Serves the registry of the platform's catalog with the ids its values carry: derived ones, or an
     * external registry's when the deployment names one (this API then mirrors it for the catalog).
     */
    public RegistryController(EventSchemas schemas, SchemaIds ids) {
        this.registry = new CatalogRegistry(schemas, ids);
    }

    /** The schema with an id: {@code {"schema": "<text>"}}. */
    @Get("/schemas/ids/{id}")
    public HttpResponse<String> schemaById(@PathVariable String id) {
        return schema(id)
                .map(schema -> ok(JSON.createObjectNode().put("schema", schema.toString())))
                .orElseGet(() -> RegistryErrors.of(RegistryAnswer.noSchemaWithId(id)));
    }

    /** The schema with an id, as the schema itself. */
    @Get("/schemas/ids/{id}/schema")
    public HttpResponse<String> rawSchemaById(@PathVariable String id) {
        return schema(id)
                .map(schema -> ok(schema.toString()))
                .orElseGet(() -> RegistryErrors.of(RegistryAnswer.noSchemaWithId(id)));
    }

    /** The schema types this registry holds. */
    @Get("/schemas/types")
    public HttpResponse<String> types() {
        return ok(JSON.createArrayNode().add("AVRO"));
    }

    /** Every subject. */
    @Get("/subjects")
    public HttpResponse<String> subjects() {
        return ok(JSON.valueToTree(registry.subjects()));
    }

    /** A subject's version numbers. */
    @Get("/subjects/{subject}/versions")
    public HttpResponse<String> versions(@PathVariable String subject) {
        return registry.versions(subject)
                .map(versions -> ok(JSON.valueToTree(versions)))
                .orElseGet(() -> RegistryErrors.of(RegistryAnswer.subjectNotFound(subject)));
    }

    /** One version of a subject: {@code {"subject", "version", "id", "schema"}}. */
    @Get("/subjects/{subject}/versions/{version}")
    public HttpResponse<String> version(@PathVariable String subject, @PathVariable String version) {
        return answer(registry.version(subject, version), false);
    }

    /** One version of a subject, as the schema itself. */
    @Get("/subjects/{subject}/versions/{version}/schema")
    public HttpResponse<String> rawVersion(@PathVariable String subject, @PathVariable String version) {
        return answer(registry.version(subject, version), true);
    }

    /** The version of a subject that is the schema in the body ({@code {"schema": "<text>"}}). */
    @Post("/subjects/{subject}")
    @Consumes({MEDIA_TYPE, "application/vnd.schemaregistry+json", MediaType.APPLICATION_JSON, "application/octet-stream"
    })
    public HttpResponse<String> lookup(@PathVariable String subject, @Nullable @Body String body) {
        return withSchema(body, text -> answer(registry.lookup(subject, text), false));
    }

    /**
     * A registration: {@code {"id": n}} when the schema is already the subject's (a registry answers a
     * repeated registration so); 422 with error code 42205 otherwise, the registry being read-only.
     */
    @Post("/subjects/{subject}/versions")
    @Consumes({MEDIA_TYPE, "application/vnd.schemaregistry+json", MediaType.APPLICATION_JSON, "application/octet-stream"
    })
    public HttpResponse<String> register(@PathVariable String subject, @Nullable @Body String body) {
        return withSchema(body, text -> registry.register(subject, text)
                .match(
                        found -> ok(
                                JSON.createObjectNode().put("id", found.schema().id())),
                        RegistryErrors::of));
    }

    /** The registry's mode: read-only, as for Confluent's registries in READONLY mode. */
    @Get("/mode")
    public HttpResponse<String> mode() {
        return ok(JSON.createObjectNode().put("mode", "READONLY"));
    }

    /**
     * {@code then}'s answer for the Avro schema text of a request body ({@code {"schema": "<text>"}}),
     * or the error the body deserves: 400 when it is no such object, 422 for another schema type.
     */
    private static HttpResponse<String> withSchema(String body, Function<String, HttpResponse<String>> then) {
        JsonNode request;
        try {
            request = body == null ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return RegistryErrors.badRequest("the body is not JSON: " + e.getOriginalMessage());
        }
        if (request == null || !request.path("schema").isTextual()) {
            return RegistryErrors.badRequest("the body must be a JSON object with the schema's text in 'schema'");
        }
        String type = request.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            return RegistryErrors.of(
                    RegistryAnswer.invalidSchema("this registry holds only AVRO schemas, not " + type));
        }
        return then.apply(request.get("schema").asText());
    }

    /** The global compatibility level: what the build enforces. */
    @Get("/config")
    public HttpResponse<String> config() {
        return ok(JSON.createObjectNode().put("compatibilityLevel", CatalogRegistry.COMPATIBILITY));
    }

    /** The registry's root, which health checks of registry clients call. */
    @Get
    public HttpResponse<String> root() {
        return ok(JSON.createObjectNode());
    }

    private static HttpResponse<String> answer(RegistryAnswer answer, boolean raw) {
        return answer.match(
                found -> raw ? ok(found.schema().text()) : ok(describe(found.schema())), RegistryErrors::of);
    }

    private static ObjectNode describe(RegisteredSchema version) {
        return JSON.createObjectNode()
                .put("subject", version.subject().name())
                .put("version", version.version())
                .put("id", version.id())
                .put("schema", version.text());
    }

    private Optional<Schema> schema(String id) {
        try {
            return registry.schema(Integer.parseInt(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static HttpResponse<String> ok(Object body) {
        return HttpResponse.ok(body instanceof String text ? text : body.toString())
                .contentType(MEDIA_TYPE);
    }
}
