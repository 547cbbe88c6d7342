package dev.eventline.emitter.ratelimit;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The emit rate limits of this instance: a token bucket per producer and per tenant. A request's
 * events are admitted all together or not at all: every bucket it needs gives its tokens, or none
 * keeps any (so a batch is never half-limited).
 *
 * <p>Per instance, on purpose: a shared count would cost a write to a shared store per request (see
 * docs/operations.md); behind N instances a producer gets up to N times its rate. Thread-safe and
 * non-blocking (each bucket is locked for a few arithmetic steps).
 */
@Singleton
public final class RateLimiter {

    private static final Admission ADMITTED = new Admission.Admitted();

    private final boolean enabled;
    private final Rate producerRate;
    private final Rate tenantRate;
    private final Map<String, Rate> producerRates;
    private final Map<String, Rate> tenantRates;
    private final int maxTracked;
    private final LongSupplier nanoTime;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    /** Limits as configured; throws naming the setting when a rate does not parse. */
    public RateLimiter(RateLimitSettings settings) {
        this(settings, System::nanoTime);
    }

    /** As above, on the given clock (tests). */
    public RateLimiter(RateLimitSettings settings, LongSupplier nanoTime) {
        this.enabled = settings.isEnabled();
        this.producerRate = parse("producer", settings.getProducer());
        this.tenantRate = parse("tenant", settings.getTenant());
        this.producerRates = parseAll("producers", settings.getProducers());
        this.tenantRates = parseAll("tenants", settings.getTenants());
        this.maxTracked = settings.getMaxTracked();
        this.nanoTime = nanoTime;
    }

    /**
     * Admits {@code eventsByTenant} (events per target tenant) from {@code producer}, taking their
     * tokens, or says which limit refuses them and takes none.
     */
    public Admission admit(String producer, Map<String, Integer> eventsByTenant) {
        if (!enabled || eventsByTenant.isEmpty()) {
            return ADMITTED;
        }
        long now = nanoTime.getAsLong();
        int total = eventsByTenant.values().stream().mapToInt(Integer::intValue).sum();
        List<Runnable> refunds = new ArrayList<>(eventsByTenant.size() + 1);
        Admission admission = take(Admission.Scope.PRODUCER, producer, total, now, refunds);
        for (Map.Entry<String, Integer> tenant : eventsByTenant.entrySet()) {
            if (admission instanceof Admission.Limited) {
                break;
            }
            admission = take(Admission.Scope.TENANT, tenant.getKey(), tenant.getValue(), now, refunds);
        }
        if (admission instanceof Admission.Limited) {
            refunds.forEach(Runnable::run);
        }
        if (buckets.size() > maxTracked) {
            forgetIdle(now);
        }
        return admission;
    }

    /** One event from {@code producer} into {@code tenant}. */
    public Admission admitOne(String producer, String tenant) {
        return admit(producer, Map.of(tenant, 1));
    }

    /** Counts events per tenant, for {@link #admit}. */
    public static Map<String, Integer> countByTenant(List<String> tenants) {
        Map<String, Integer> counts = new HashMap<>();
        tenants.forEach(tenant -> counts.merge(tenant, 1, Integer::sum));
        return counts;
    }

    private Admission take(Admission.Scope scope, String key, int events, long now, List<Runnable> refunds) {
        Rate rate = scope == Admission.Scope.PRODUCER
                ? producerRates.getOrDefault(key, producerRate)
                : tenantRates.getOrDefault(key, tenantRate);
        TokenBucket bucket = buckets.computeIfAbsent(
                (scope == Admission.Scope.PRODUCER ? "p/" : "t/") + key, k -> new TokenBucket(rate, now));
        long wait = bucket.take(events, now);
        if (wait == 0) {
            refunds.add(() -> bucket.giveBack(events));
            return ADMITTED;
        }
        boolean possible = wait != Long.MAX_VALUE;
        Duration retryAfter = possible ? Duration.ofNanos(wait) : Duration.ofSeconds(rate.windowSeconds());
        return new Admission.Limited(scope, key, rate, retryAfter, possible);
    }

    private void forgetIdle(long now) {
        buckets.entrySet().removeIf(entry -> entry.getValue().full(now));
    }

    private static Rate parse(String setting, String value) {
        try {
            return Rate.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("eventline.emitter.rate-limits." + setting + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Rate> parseAll(String setting, Map<String, String> values) {
        Map<String, Rate> rates = new HashMap<>();
        values.forEach((key, value) -> rates.put(key, parse(setting + "." + key, value)));
        return Map.copyOf(rates);
    }
}
