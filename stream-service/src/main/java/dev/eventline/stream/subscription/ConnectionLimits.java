package dev.eventline.stream.subscription;

import dev.eventline.stream.config.StreamSettings;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open streams per user, per tenant and per instance, bounded by configuration so that one user's
 * runaway tabs or one tenant's burst cannot take an instance's connections from everyone else.
 * Thread-safe; counters of users and tenants without streams are removed.
 *
 * <p>A user's or tenant's count is read, checked and changed in one atomic step of its map entry: a
 * counter fetched first and changed after could be one that a concurrent release had just removed,
 * and the stream would then be counted nowhere.
 */
@Singleton
public final class ConnectionLimits {

    /** Which limit refused a stream. */
    public enum Limit {
        /** The instance holds as many streams as it may. */
        INSTANCE,
        /** The tenant holds as many streams as it may. */
        TENANT,
        /** The user holds as many streams as it may. */
        USER
    }

    private final StreamSettings settings;
    private final AtomicInteger instance = new AtomicInteger();
    private final Map<String, Integer> tenants = new ConcurrentHashMap<>();
    private final Map<String, Integer> users = new ConcurrentHashMap<>();

    /** Limits from the stream settings. */
    public ConnectionLimits(StreamSettings settings) {
        this.settings = settings;
    }

    /**
     * Takes a slot for one stream.
     *
     * @return empty when granted (call {@link #release} when the stream ends), else the limit that refused
     */
    public Optional<Limit> acquire(String tenant, String user) {
        int perInstance = settings.getMaxConnectionsPerInstance();
        if (instance.getAndUpdate(n -> n < perInstance ? n + 1 : n) >= perInstance) {
            return Optional.of(Limit.INSTANCE);
        }
        if (!take(tenants, tenant, settings.getMaxConnectionsPerTenant())) {
            instance.decrementAndGet();
            return Optional.of(Limit.TENANT);
        }
        if (!take(users, tenant + "/" + user, settings.getMaxConnectionsPerUser())) {
            instance.decrementAndGet();
            decrement(tenants, tenant);
            return Optional.of(Limit.USER);
        }
        return Optional.empty();
    }

    /** Gives back the slot of a stream that ended. */
    public void release(String tenant, String user) {
        instance.decrementAndGet();
        decrement(tenants, tenant);
        decrement(users, tenant + "/" + user);
    }

    /**
     * The {@code n} tenants with the most open streams, most first, and the streams of all the others
     * under the key {@code null}: bounded, for a gauge per tenant whose cardinality stays at n + 1.
     */
    public Map<String, Integer> busiestTenants(int n) {
        Map<String, Integer> busiest = new LinkedHashMap<>();
        List<Map.Entry<String, Integer>> all = new ArrayList<>(tenants.entrySet());
        all.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        int others = 0;
        for (int i = 0; i < all.size(); i++) {
            if (i < n) {
                busiest.put(all.get(i).getKey(), all.get(i).getValue());
            } else {
                others += all.get(i).getValue();
            }
        }
        busiest.put(null, others);
        return busiest;
    }

    private static boolean take(Map<String, Integer> counters, String key, int max) {
        boolean[] taken = new boolean[1];
        counters.compute(key, (k, n) -> {
            int count = n == null ? 0 : n;
            taken[0] = count < max;
            int now = taken[0] ? count + 1 : count;
            return now == 0 ? null : now;
        });
        return taken[0];
    }

    private static void decrement(Map<String, Integer> counters, String key) {
        counters.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }
}
