package dev.eventline.stream.auth;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link TicketRedemptions} in one map, as one instance alone would need: for unit tests. Can be told
 * to be unreachable. Thread-safe.
 */
public final class InMemoryTicketRedemptions implements TicketRedemptions {

    private final Map<String, Instant> used = new ConcurrentHashMap<>();
    private volatile boolean reachable = true;

    /** Makes every later redemption answer {@link Redemption#UNAVAILABLE} (or not). */
    public void reachable(boolean value) {
        reachable = value;
    }

    @Override
    public Redemption redeem(String ticketId, Instant expiresAt) {
        if (!reachable) {
            return Redemption.UNAVAILABLE;
        }
        Instant now = Instant.now();
        used.values().removeIf(expiry -> expiry.isBefore(now));
        return used.putIfAbsent(ticketId, expiresAt) == null ? Redemption.FIRST_USE : Redemption.USED_BEFORE;
    }
}
