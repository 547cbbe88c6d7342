package dev.eventline.emitter.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.problem.Problem;
import dev.eventline.schemas.registry.RegistryAnswer;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import java.util.Locale;

/**
 * The error answers of the registry API: a problem+json body (RFC 9457) that also carries Confluent's
 * {@code error_code} and {@code message}, which its clients read to tell a missing subject from a
 * missing version. The one place where {@link RegistryAnswer.Missing} answers become statuses; the
 * switches have no default, so a new reason does not compile until it is given its status here.
 */
final class RegistryErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryErrors() {}

    /** The answer to a question with no version to give. */
    static HttpResponse<String> of(RegistryAnswer.Missing answer) {
        int status =
                switch (answer.reason()) {
                    case SUBJECT_NOT_FOUND, VERSION_NOT_FOUND, SCHEMA_NOT_FOUND -> 404;
                    case INVALID_VERSION, INVALID_SCHEMA, READ_ONLY -> 422;
                };
        int code =
                switch (answer.reason()) {
                    case SUBJECT_NOT_FOUND -> 40401;
                    case VERSION_NOT_FOUND -> 40402;
                    case SCHEMA_NOT_FOUND -> 40403;
                    case INVALID_SCHEMA -> 42201;
                    case INVALID_VERSION -> 42202;
                    // Confluent's "operation not permitted", which its registries answer in READONLY mode.
                    case READ_ONLY -> 42205;
                };
        String title =
                switch (answer.reason()) {
                    case SUBJECT_NOT_FOUND -> "Subject not found";
                    case VERSION_NOT_FOUND -> "Version not found";
                    case SCHEMA_NOT_FOUND -> "Schema not found";
                    case INVALID_SCHEMA -> "Invalid schema";
                    case INVALID_VERSION -> "Invalid version";
                    case READ_ONLY -> "Read-only registry";
                };
        String slug = answer.reason().name().toLowerCase(Locale.ROOT).replace('_', '-');
        return error(status, code, slug, title, answer.detail());
    }

    /** A lookup whose body is not what the API takes. */
    static HttpResponse<String> badRequest(String detail) {
        return error(400, 400, "invalid-request", "Invalid request", detail);
    }

    private static HttpResponse<String> error(int status, int code, String slug, String title, String detail) {
        ObjectNode body = JSON.createObjectNode()
                .put("type", Problem.type(slug))
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("error_code", code)
                .put("message", detail);
        return HttpResponse.<String>status(HttpStatus.valueOf(status))
                .body(body.toString())
                .contentType(Problem.MEDIA_TYPE);
    }
}
