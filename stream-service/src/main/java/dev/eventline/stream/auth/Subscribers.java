package dev.eventline.stream.auth;

import dev.eventline.edge.ClaimInstants;
import dev.eventline.schemas.envelope.Audience;
import dev.eventline.stream.config.StreamSettings;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads who a verified request comes from: user, tenant, roles, groups (from the configured claim,
 * {@code eventline.stream.groups-claim}) and when its credentials end. The same for tokens and for
 * tickets, which carry the groups of the token they were bought with. Stateless, thread-safe.
 */
@Singleton
public final class Subscribers {

    private final String groupsClaim;

    /** Reads groups from the configured claim. */
    public Subscribers(StreamSettings settings) {
        this.groupsClaim = settings.getGroupsClaim();
    }

    /** The claim groups are read from (and written to in tickets). */
    public String groupsClaim() {
        return groupsClaim;
    }

    /** The subscriber of an authenticated request. */
    public SubscriberIdentity identify(Authentication authentication) {
        Object tenant = authentication.getAttributes().get("tenant");
        return new SubscriberIdentity(
                authentication.getName(),
                tenant == null ? null : tenant.toString(),
                Set.copyOf(authentication.getRoles()),
                groups(authentication.getAttributes().get(groupsClaim)),
                expiry(authentication));
    }

    /**
     * The groups of a claim value: a list of names, or one name. Names that could never be an audience
     * entry (blank, control characters, too long) are left out: no event can address them.
     */
    private static Set<String> groups(Object claim) {
        Set<String> groups = new LinkedHashSet<>();
        if (claim instanceof Collection<?> names) {
            names.forEach(name -> add(groups, name));
        } else {
            add(groups, claim);
        }
        return groups;
    }

    private static void add(Set<String> groups, Object name) {
        if (name instanceof CharSequence text && Audience.groupProblem(text.toString()) == null) {
            groups.add(text.toString());
        }
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
