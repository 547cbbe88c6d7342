package dev.eventline.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Problem bodies for the errors the framework answers itself (unknown route 404, wrong method 405,
 * body too large 413, wrong content type 415, unexpected exceptions 500). For 5xx the body carries
 * only a trace id; the exception is logged under it.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public final class FrameworkProblems implements JsonErrorResponseBodyProvider<Problem> {

    private static final Logger LOG = LoggerFactory.getLogger(FrameworkProblems.class);

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        int status = response.code();
        String title = response.reason();
        if (status >= 500) {
            // The request's trace when it was traced, so that the logs and the spans meet.
            String traceId = context.getRequest()
                    .getAttribute(Problem.TRACE_ID_ATTRIBUTE, String.class)
                    .orElseGet(() -> UUID.randomUUID().toString());
            LOG.error(
                    "internal error on {} {} [traceId={}]",
                    context.getRequest().getMethod(),
                    context.getRequest().getPath(),
                    traceId,
                    context.getRootCause().orElse(null));
            return new Problem(
                    Problem.type("internal"),
                    "Internal error",
                    status,
                    "the request failed on our side; quote the trace id when reporting it",
                    traceId,
                    List.of());
        }
        String detail = context.getErrors().isEmpty()
                ? title
                : context.getErrors().get(0).getMessage();
        return new Problem(
                Problem.type(title.toLowerCase(Locale.ROOT).replace(' ', '-')), title, status, detail, null, List.of());
    }

    @Override
    public String contentType() {
        return Problem.MEDIA_TYPE;
    }
}
