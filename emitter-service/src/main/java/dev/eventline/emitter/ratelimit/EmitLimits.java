package dev.eventline.emitter.ratelimit;

import dev.eventline.emitter.auth.ProducerIdentity;
import dev.eventline.emitter.auth.TenantDecision;
import dev.eventline.emitter.auth.TenantPolicy;
import dev.eventline.emitter.metrics.EmitMetrics;
import dev.eventline.emitter.validation.ValidatedEvent;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * The use case's first step: may this producer write these events now? Counts each event against its
 * producer and the tenant it would be written into (events the tenant policy refuses are not
 * counted: they are refused anyway). A batch is admitted whole or refused whole, so a client retries
 * the same batch and nothing is written twice or half. Thread-safe.
 */
@Singleton
public final class EmitLimits {

    /** The reason refused events are counted under. */
    public static final String REASON = "rate-limited";

    private final RateLimiter limiter;
    private final TenantPolicy tenants;
    private final EmitMetrics metrics;

    /** Limits through {@code limiter}, tenants decided as the emit will decide them. */
    public EmitLimits(RateLimiter limiter, TenantPolicy tenants, EmitMetrics metrics) {
        this.limiter = limiter;
        this.tenants = tenants;
        this.metrics = metrics;
    }

    /** Admits the valid events of a request (one, or a batch's), or says which limit refuses them all. */
    public Admission admit(ProducerIdentity producer, List<ValidatedEvent> events) {
        List<String> targets = new ArrayList<>(events.size());
        for (ValidatedEvent event : events) {
            TenantDecision decision = tenants.tenantFor(producer, event.tenantId());
            if (decision.allowed()) {
                targets.add(decision.tenant());
            }
        }
        Admission admission = limiter.admit(producer.subject(), RateLimiter.countByTenant(targets));
        if (admission instanceof Admission.Limited) {
            events.forEach(event -> metrics.rejected(event.type(), REASON));
        }
        return admission;
    }
}
