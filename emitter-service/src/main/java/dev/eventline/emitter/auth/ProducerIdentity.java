package dev.eventline.emitter.auth;

import io.micronaut.security.authentication.Authentication;
import java.util.Set;

/**
 * A verified caller of the emit API.
 *
 * @param subject the token's {@code sub}: stamped on events as {@code emittedBy}
 * @param tenant the token's {@code tenant} claim, or null for a platform-wide token
 * @param roles the token's roles
 */
public record ProducerIdentity(String subject, String tenant, Set<String> roles) {

    /** The claim carrying the tenant id. */
    public static final String TENANT_CLAIM = "tenant";

    /** Reads the identity of an authenticated request (the token was verified by Micronaut Security). */
    public static ProducerIdentity of(Authentication authentication) {
        Object tenant = authentication.getAttributes().get(TENANT_CLAIM);
        return new ProducerIdentity(
                authentication.getName(),
                tenant == null ? null : tenant.toString(),
                Set.copyOf(authentication.getRoles()));
    }
}
