package dev.eventline.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * 401 and 403 as problem+json with the {@code WWW-Authenticate} challenge of RFC 6750: no token, a
 * token that failed verification ({@code error="invalid_token"}: expired, forged, wrong issuer or
 * audience), or a valid token without the needed role ({@code error="insufficient_scope"}). The
 * token itself never appears in the response or the logs.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public final class AuthProblemHandler implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    private static final String REALM = "Bearer realm=\"eventline\"";

    @Override
    @SuppressWarnings("rawtypes") // ExceptionHandler declares the raw type
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        if (exception.isForbidden()) {
            return ProblemExceptionHandler.respond(
                            new Problem(
                                    Problem.type("forbidden"),
                                    "Forbidden",
                                    403,
                                    "the token's roles do not allow this request",
                                    null,
                                    List.of()),
                            -1)
                    .header(HttpHeaders.WWW_AUTHENTICATE, REALM + ", error=\"insufficient_scope\"");
        }
        boolean presented = request.getHeaders().contains(HttpHeaders.AUTHORIZATION);
        String detail = presented
                ? "the bearer token is invalid: expired, wrongly signed, or for another issuer or audience"
                : "a bearer token is required (Authorization: Bearer <token>)";
        return ProblemExceptionHandler.respond(
                        new Problem(Problem.type("unauthorized"), "Unauthorized", 401, detail, null, List.of()), -1)
                .header(HttpHeaders.WWW_AUTHENTICATE, presented ? REALM + ", error=\"invalid_token\"" : REALM);
    }
}
