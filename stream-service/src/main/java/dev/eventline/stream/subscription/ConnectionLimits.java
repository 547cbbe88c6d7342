package dev.eventline.stream.subscription;

import dev.eventline.stream.config.StreamSettings;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open streams per user, per tenant and per instance, bounded by configuration so that one user's
 * runaway tabs or one tenant's burst cannot take an instance's connections from everyone else.
 * Thread-safe; counters of users and tenants without streams are removed.
 */
@Singleton
public final class ConnectionLimits {

    private final StreamSettings settings;
    private final AtomicInteger instance = new AtomicInteger();
    private final Map<String, AtomicInteger> tenants = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> users = new ConcurrentHashMap<>();

    /** Limits from the stream settings. */
    public ConnectionLimits(StreamSettings settings) {
        this.settings = settings;
    }

    /**
     * Takes a slot for one stream.
     *
     * @return null when granted (call {@link #release} when the stream ends), else which limit refused
     */
    public String acquire(String tenant, String user) {
        if (!take(instance, settings.getMaxConnectionsPerInstance())) {
            return "instance";
        }
        if (!take(tenants.computeIfAbsent(tenant, t -> new AtomicInteger()), settings.getMaxConnectionsPerTenant())) {
            instance.decrementAndGet();
            return "tenant";
        }
        if (!take(
                users.computeIfAbsent(tenant + "/" + user, u -> new AtomicInteger()),
                settings.getMaxConnectionsPerUser())) {
            instance.decrementAndGet();
            decrement(tenants, tenant);
            return "user";
        }
        return null;
    }

    /** Gives back the slot of a stream that ended. */
    public void release(String tenant, String user) {
        instance.decrementAndGet();
        decrement(tenants, tenant);
        decrement(users, tenant + "/" + user);
    }

    private static boolean take(AtomicInteger counter, int max) {
        return counter.getAndUpdate(n -> n < max ? n + 1 : n) < max;
    }

    private static void decrement(Map<String, AtomicInteger> counters, String key) {
        counters.computeIfPresent(key, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
    }
}
