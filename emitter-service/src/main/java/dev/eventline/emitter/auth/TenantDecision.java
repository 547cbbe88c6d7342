package dev.eventline.emitter.auth;

/**
 * The outcome of {@link TenantPolicy#tenantFor}: the tenant to write to, or why not.
 *
 * @param tenant the tenant, when allowed
 * @param denial the reason, when denied
 */
public record TenantDecision(String tenant, String denial) {

    static TenantDecision allow(String tenant) {
        return new TenantDecision(tenant, null);
    }

    static TenantDecision deny(String reason) {
        return new TenantDecision(null, reason);
    }

    /** Whether the event may be written. */
    public boolean allowed() {
        return denial == null;
    }
}
