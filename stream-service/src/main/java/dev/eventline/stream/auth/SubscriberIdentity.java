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
 * @param expiresAt when the token expires ({@code exp}); the stream ends with {@code auth-expired} then
 */
public record SubscriberIdentity(String user, String tenant, Set<String> roles, Instant expiresAt) {

    /** Reads the identity of an authenticated request. */
    public static SubscriberIdentity of(Authentication authentication) {
        Object tenant = authentication.getAttributes().get("tenant");
        return new SubscriberIdentity(
                authentication.getName(),
                tenant == null ? null : tenant.toString(),
                Set.copyOf(authentication.getRoles()),
                ClaimInstants.of(authentication.getAttributes().get("exp")));
    }
}
