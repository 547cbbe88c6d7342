package dev.eventline.stream.auth;

import dev.eventline.edge.ClaimInstants;
import io.micronaut.security.authentication.Authentication;
import java.time.Instant;
import java.util.Set;

/**
 * A verified subscriber.
 *
 * @param user the token's {@code sub}: events addressed to users reach only those users
 * @param tenant the token's {@code tenant} claim: every subscription is scoped to it
 * @param roles the token's roles: checked against each topic's subscriber roles
 * @param expiresAt when the token expires ({@code exp}; for a ticket, that of the token it was bought
 *     with); the stream ends with {@code auth-expired} then
 */
public record SubscriberIdentity(String user, String tenant, Set<String> roles, Instant expiresAt) {

    /** Reads the identity of an authenticated request. */
    public static SubscriberIdentity of(Authentication authentication) {
        Object tenant = authentication.getAttributes().get("tenant");
        return new SubscriberIdentity(
                authentication.getName(),
                tenant == null ? null : tenant.toString(),
                Set.copyOf(authentication.getRoles()),
                expiry(authentication));
    }

    /**
     * When the identity stops being valid: the token's {@code exp}; for a stream ticket, the expiry of
     * the token it was bought with (a ticket authenticates the connect, not the stream's lifetime).
     */
    private static Instant expiry(Authentication authentication) {
        Object bought = StreamTickets.isTicket(authentication)
                ? authentication.getAttributes().get(StreamTickets.TOKEN_EXPIRY_CLAIM)
                : null;
        return ClaimInstants.of(
                bought != null ? bought : authentication.getAttributes().get("exp"));
    }
}
