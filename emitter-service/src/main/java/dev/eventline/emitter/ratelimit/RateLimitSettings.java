package dev.eventline.emitter.ratelimit;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.HashMap;
import java.util.Map;

/**
 * Emit rate limits, under {@code eventline.emitter.rate-limits}. Rates are written {@code <events per
 * second>[:<burst>]}. Defaults are the named constants.
 *
 * <p>Mutable bean populated once by Micronaut at start-up; read-only afterwards.
 */
@ConfigurationProperties("eventline.emitter.rate-limits")
public class RateLimitSettings {

    /**
     * Per producer, each instance: well above one service's steady emits (a busy LMS writes a few
     * hundred a second), below what one instance sustains (about 20,000 single events a second with
     * batching, docs/performance.md), so one runaway producer cannot take a whole instance.
     */
    public static final String DEFAULT_PRODUCER_RATE = "2000:10000";

    /** Per tenant, each instance: several producers of one tenant together. */
    public static final String DEFAULT_TENANT_RATE = "5000:20000";

    /**
     * Buckets kept at most (producers and tenants together); beyond it, full (idle) buckets are
     * forgotten, which changes nothing for anyone. Bounds the memory a flood of tenants can take.
     */
    public static final int DEFAULT_MAX_TRACKED = 100_000;

    private boolean enabled = true;
    private String producer = DEFAULT_PRODUCER_RATE;
    private String tenant = DEFAULT_TENANT_RATE;
    private Map<String, String> producers = new HashMap<>();
    private Map<String, String> tenants = new HashMap<>();
    private int maxTracked = DEFAULT_MAX_TRACKED;

    /** Off: every emit is admitted (benchmarks measuring the instance, say). */
    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Every producer's rate unless {@link #getProducers} names it. */
    public String getProducer() {
        return producer;
    }

    public void setProducer(String producer) {
        this.producer = producer;
    }

    /** Every tenant's rate unless {@link #getTenants} names it. */
    public String getTenant() {
        return tenant;
    }

    public void setTenant(String tenant) {
        this.tenant = tenant;
    }

    /** Rates of named producers (token subjects). */
    public Map<String, String> getProducers() {
        return producers;
    }

    public void setProducers(Map<String, String> producers) {
        this.producers = producers;
    }

    /** Rates of named tenants. */
    public Map<String, String> getTenants() {
        return tenants;
    }

    public void setTenants(Map<String, String> tenants) {
        this.tenants = tenants;
    }

    public int getMaxTracked() {
        return maxTracked;
    }

    public void setMaxTracked(int maxTracked) {
        this.maxTracked = maxTracked;
    }
}
