package dev.eventline.stream.auth;

import java.time.Instant;
import java.util.Set;

/**
 * A verified subscriber, as {@link Subscribers} reads it from a token or ticket.
 *
 * @param user the token's {@code sub}: events addressed to {@code user:<sub>} (or the bare id) reach it
 * @param tenant the token's {@code tenant} claim: every subscription is scoped to it
 * @param roles the token's roles: checked against each topic's subscriber roles
 * @param groups the token's groups (tenant-relative names): events addressed to {@code group:<name>}
 *     reach their members, and {@code scope=group:<name>} is allowed for them only
 * @param expiresAt when the token expires ({@code exp}; for a ticket, that of the token it was bought
 *     with); the stream ends with {@code auth-expired} then
 */
public record SubscriberIdentity(String user, String tenant, Set<String> roles, Set<String> groups, Instant expiresAt) {

    /** Copies the sets. */
    public SubscriberIdentity {
        roles = Set.copyOf(roles);
        groups = Set.copyOf(groups);
    }
}
