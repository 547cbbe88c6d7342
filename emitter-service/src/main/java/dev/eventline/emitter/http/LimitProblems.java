package dev.eventline.emitter.http;

import dev.eventline.emitter.ratelimit.Admission;
import dev.eventline.problem.Problem;
import dev.eventline.problem.ProblemExceptionHandler;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;
import java.util.Locale;

/**
 * The answer to a request over a rate limit: 429 problem+json with {@code Retry-After} and the IETF
 * {@code RateLimit-Policy} and {@code RateLimit} fields (draft-ietf-httpapi-ratelimit-headers: the
 * policy's quota {@code q} per window {@code w} seconds, what remains {@code r}, seconds to reset
 * {@code t}). The one place where an {@link Admission.Limited} becomes a status.
 */
final class LimitProblems {

    private LimitProblems() {}

    /** The 429 answer of {@code limited}. */
    static MutableHttpResponse<?> of(Admission.Limited limited) {
        String name =
                switch (limited.scope()) {
                    case PRODUCER -> "producer";
                    case TENANT -> "tenant";
                };
        long retryAfter = Math.max(1, (long) Math.ceil(limited.retryAfter().toNanos() / 1e9));
        String rate = String.format(
                Locale.ROOT,
                "%s events a second with bursts of %d",
                number(limited.rate().perSecond()),
                limited.rate().burst());
        String detail = limited.everPossible()
                ? "the " + name + " '" + limited.key() + "' may emit " + rate + "; nothing was written, retry after "
                        + retryAfter + " s"
                : "the request holds more events than the " + name + " '" + limited.key() + "' may emit at once ("
                        + rate + "); nothing was written, send smaller batches";
        Problem problem = new Problem(Problem.type("rate-limited"), "Too many events", 429, detail, null, List.of());
        return ProblemExceptionHandler.respond(problem, retryAfter)
                .header(
                        "RateLimit-Policy",
                        "\"" + name + "\";q=" + limited.rate().burst() + ";w="
                                + limited.rate().windowSeconds())
                .header("RateLimit", "\"" + name + "\";r=0;t=" + retryAfter);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
