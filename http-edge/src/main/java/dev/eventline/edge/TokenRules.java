package dev.eventline.edge;

import dev.eventline.schemas.envelope.EnvelopeRules;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims every token must satisfy, beyond signature, issuer and audience (which Micronaut checks):
 *
 * <ul>
 *   <li>{@code exp} is required: a token without one would be valid forever.
 *   <li>{@code nbf}, when present, must not lie further in the future than the allowed clock skew.
 *   <li>{@code tenant}, when present, must be a tenant id ({@link EnvelopeRules#isTenantId}): an empty
 *       or malformed tenant would otherwise name a tenant of its own.
 *   <li>A stream ticket (claim {@code ticket}) authenticates only on the configured ticket paths,
 *       never as a bearer token elsewhere (the emitter has none).
 * </ul>
 *
 * <p>A refused token is as if absent: the request is unauthenticated (401). Stateless, thread-safe.
 */
@Singleton
public final class TokenRules implements GenericJwtClaimsValidator<HttpRequest<?>> {

    /** The claim marking a stream ticket. */
    public static final String TICKET_CLAIM = "ticket";

    private static final Logger LOG = LoggerFactory.getLogger(TokenRules.class);

    private final EdgeSettings settings;
    private final Clock clock;

    /** Rules as configured, on the system clock. */
    public TokenRules(EdgeSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** Rules as configured, on the given clock. */
    public TokenRules(EdgeSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public boolean validate(Claims claims, HttpRequest<?> request) {
        String refusal = refusal(claims, request);
        if (refusal != null) {
            LOG.debug("token refused: {}", refusal);
            return false;
        }
        return true;
    }

    /** Why the token is refused, or null when it passes. */
    String refusal(Claims claims, HttpRequest<?> request) {
        Instant expiry = ClaimInstants.of(claims.get(Claims.EXPIRATION_TIME));
        if (expiry == null) {
            return "no exp";
        }
        Object notBefore = claims.get(Claims.NOT_BEFORE);
        if (notBefore != null) {
            Instant nbf = ClaimInstants.of(notBefore);
            if (nbf == null || nbf.isAfter(clock.instant().plus(settings.getClockSkew()))) {
                return "not valid before " + notBefore;
            }
        }
        Object tenant = claims.get("tenant");
        if (tenant != null && !(tenant instanceof String id && EnvelopeRules.isTenantId(id))) {
            return "tenant claim is not a tenant id";
        }
        if (Boolean.TRUE.equals(claims.get(TICKET_CLAIM))
                && (request == null || !settings.getTicketPaths().contains(request.getPath()))) {
            return "a stream ticket is not accepted here";
        }
        return null;
    }
}
