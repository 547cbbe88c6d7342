package dev.eventline.emitter.auth;

import dev.eventline.emitter.config.EmitterSettings;
import jakarta.inject.Singleton;
import java.util.Objects;

/**
 * Decides which tenant an event is written to, or why the caller may not emit it.
 *
 * <ul>
 *   <li>A producer role emits into the tenant of its token; naming another tenant is forbidden.
 *   <li>A platform role may name any tenant ({@code tenantId} in the event), and must name one when
 *       its token has no tenant.
 *   <li>Anyone else may not emit.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
@Singleton
public final class TenantPolicy {

    private final EmitterSettings settings;

    /** A policy over the configured producer and platform roles. */
    public TenantPolicy(EmitterSettings settings) {
        this.settings = settings;
    }

    /** Whether the caller may use the emit API at all. */
    public boolean mayEmit(ProducerIdentity identity) {
        return isPlatform(identity) || isProducer(identity);
    }

    /**
     * The tenant to stamp on an event.
     *
     * @param requested the event's {@code tenantId}, or null
     */
    public TenantDecision tenantFor(ProducerIdentity identity, String requested) {
        if (isPlatform(identity)) {
            String tenant = requested != null ? requested : identity.tenant();
            return tenant != null
                    ? TenantDecision.allow(tenant)
                    : TenantDecision.deny("a platform token without a tenant claim must name tenantId");
        }
        if (!isProducer(identity)) {
            return TenantDecision.deny(
                    "the token has none of the roles " + settings.getProducerRoles() + " needed to emit");
        }
        if (identity.tenant() == null) {
            return TenantDecision.deny("the producer token has no tenant claim");
        }
        if (requested != null && !Objects.equals(requested, identity.tenant())) {
            return TenantDecision.deny("a producer may emit only into its own tenant");
        }
        return TenantDecision.allow(identity.tenant());
    }

    private boolean isPlatform(ProducerIdentity identity) {
        return settings.getPlatformRoles().stream().anyMatch(identity.roles()::contains);
    }

    private boolean isProducer(ProducerIdentity identity) {
        return settings.getProducerRoles().stream().anyMatch(identity.roles()::contains);
    }
}
