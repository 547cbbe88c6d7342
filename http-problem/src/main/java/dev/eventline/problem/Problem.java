package dev.eventline.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A problem details body (RFC 9457).
 *
 * @param type a URI naming the kind of problem ({@code urn:eventline:problem:<slug>}), stable for clients
 * @param title a short summary of the kind
 * @param status the HTTP status
 * @param detail what went wrong in this occurrence
 * @param traceId the W3C trace id of the request (32 hex digits) when it was traced: quote it to
 *     operators, who find the request's spans and, for internal errors, the logged details under it
 * @param errors for invalid input: every wrong field with its JSON pointer
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String traceId, List<InvalidField> errors) {

    /** The media type of problem bodies. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * The request attribute holding the request's trace id (a String), set by the services' request
     * tracing; problems answered for that request carry it.
     */
    public static final String TRACE_ID_ATTRIBUTE = "eventline.trace-id";

    /** This problem with {@code id} as its trace id. */
    public Problem withTraceId(String id) {
        return new Problem(type, title, status, detail, id, errors);
    }

    /** The type URI of a problem slug. */
    public static String type(String slug) {
        return "urn:eventline:problem:" + slug;
    }

    /**
     * One wrong field.
     *
     * @param pointer JSON pointer into the request body
     * @param reason what is wrong
     */
    @Serdeable
    public record InvalidField(String pointer, String reason) {}
}
