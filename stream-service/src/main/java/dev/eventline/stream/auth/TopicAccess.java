package dev.eventline.stream.auth;

import dev.eventline.problem.ProblemException;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.catalog.TopicSpec;
import dev.eventline.schemas.envelope.Audience;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides, before a read, who asks ({@link Subscribers}) and whether it may read what it asked for:
 * each topic must be in the catalog (404 otherwise) and the subscriber must hold one of its subscriber
 * roles and a tenant (403 otherwise); each scope must be one of its groups (403 otherwise). Stateless
 * and thread-safe.
 */
@Singleton
public final class TopicAccess {

    private final EventSchemas schemas;
    private final Subscribers subscribers;

    /** Checks against the catalog of the given schemas. */
    public TopicAccess(EventSchemas schemas, Subscribers subscribers) {
        this.schemas = schemas;
        this.subscribers = subscribers;
    }

    /** The subscriber of an authenticated request. */
    public SubscriberIdentity identify(Authentication authentication) {
        return subscribers.identify(authentication);
    }

    /**
     * The topics' catalog entries, in request order.
     *
     * @throws ProblemException 404 for unknown topics, 403 for forbidden ones
     */
    public List<TopicSpec> authorize(SubscriberIdentity identity, List<String> topics) {
        List<TopicSpec> specs = new ArrayList<>();
        for (String name : topics) {
            TopicSpec spec = schemas.catalog()
                    .topic(name)
                    .orElseThrow(() -> ProblemException.of(
                            404,
                            "unknown-topic",
                            "Unknown topic",
                            "there is no topic '" + clip(name) + "' in the catalog"));
            if (!spec.allowsAnyOf(identity.roles())) {
                throw ProblemException.of(
                        403,
                        "forbidden-topic",
                        "Forbidden",
                        "the token's roles " + identity.roles() + " may not subscribe to " + name + " (allowed: "
                                + spec.subscriberRoles() + ")");
            }
            specs.add(spec);
        }
        if (identity.tenant() == null) {
            throw ProblemException.of(403, "no-tenant", "Forbidden", "the token has no tenant claim");
        }
        return specs;
    }

    /**
     * The groups a read narrows to ({@code scope=group:a,group:b}), as audience entries: each must be
     * a group entry (400 {@code invalid-scope}) of a group the token names (403 {@code forbidden-scope}).
     */
    public Set<String> scope(SubscriberIdentity identity, List<String> entries) {
        Set<String> scope = new LinkedHashSet<>();
        for (String entry : entries) {
            String name = entry.startsWith(Audience.GROUP) ? entry.substring(Audience.GROUP.length()) : null;
            String problem = name == null ? "must be 'group:<name>'" : Audience.groupProblem(name);
            if (problem != null) {
                throw ProblemException.of(400, "invalid-scope", "Invalid scope", "scope " + problem);
            }
            if (!identity.groups().contains(name)) {
                throw ProblemException.of(
                        403,
                        "forbidden-scope",
                        "Forbidden",
                        "the token is not a member of the group '" + clip(name) + "' (its groups claim)");
            }
            scope.add(entry);
        }
        return scope;
    }

    /** A client's value made safe to repeat in a problem's detail: id characters only, 100 at most. */
    private static String clip(String text) {
        String safe = text.replaceAll("[^A-Za-z0-9._:@-]", "?");
        return safe.length() > 100 ? safe.substring(0, 100) + "..." : safe;
    }
}
