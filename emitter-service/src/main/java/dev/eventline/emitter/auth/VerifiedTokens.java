package dev.eventline.emitter.auth;

import dev.eventline.edge.ClaimInstants;
import io.micronaut.security.authentication.Authentication;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens that passed verification recently, so that a producer sending the same token with every
 * request pays for parsing and checking its signature once rather than per event.
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>The key is the exact token text; only tokens the real validator accepted are remembered, so a
 *       forged or refused token is checked again every time and cannot displace anything.
 *   <li>An entry answers until the token's {@code exp} (a token without one: no limit of its own) or
 *       until {@code maxAge} after it was verified, whichever comes first. {@code maxAge} bounds how
 *       long a token stays accepted after its signing key was withdrawn from the identity provider's
 *       key set. A token whose {@code exp} cannot be read is not remembered.
 *   <li>At most {@code capacity} entries: when full, expired entries are dropped, and if none had
 *       expired the whole cache is emptied (the next requests verify again). A capacity of zero turns
 *       the cache off.
 * </ul>
 *
 * <p>Thread-safe and non-blocking; called on the event loops.
 */
public final class VerifiedTokens {

    /** The claim holding the token's expiry, as the authentication's attributes carry it. */
    static final String EXPIRY_CLAIM = "exp";

    private final int capacity;
    private final long maxAgeMillis;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /**
     * A cache of at most {@code capacity} tokens, each kept at most {@code maxAge}.
     *
     * @param clock the time entries expire by; the system clock outside tests
     */
    public VerifiedTokens(int capacity, Duration maxAge, Clock clock) {
        if (capacity < 0 || maxAge.isNegative()) {
            throw new IllegalArgumentException("capacity and maxAge must not be negative");
        }
        this.capacity = capacity;
        this.maxAgeMillis = maxAge.toMillis();
        this.clock = clock;
    }

    /** Whether the cache keeps anything at all. */
    public boolean enabled() {
        return capacity > 0 && maxAgeMillis > 0;
    }

    /** The authentication verified for exactly this token, or null if it must be verified (again). */
    public Authentication find(String token) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (clock.millis() >= entry.expiresAtMillis()) {
            entries.remove(token, entry);
            return null;
        }
        return entry.authentication();
    }

    /** Remembers that the validator accepted {@code token} as {@code authentication}, just now. */
    public void remember(String token, Authentication authentication) {
        if (!enabled()) {
            return;
        }
        long now = clock.millis();
        long expiresAt = now + maxAgeMillis;
        if (authentication.getAttributes().containsKey(EXPIRY_CLAIM)) {
            Long exp = expiryMillis(authentication.getAttributes().get(EXPIRY_CLAIM));
            if (exp == null) {
                return;
            }
            expiresAt = Math.min(expiresAt, exp);
        }
        if (expiresAt <= now) {
            return;
        }
        if (entries.size() >= capacity) {
            makeRoom(now);
        }
        entries.put(token, new Entry(authentication, expiresAt));
    }

    /** Entries currently held, expired or not; for tests and diagnostics. */
    int size() {
        return entries.size();
    }

    private void makeRoom(long now) {
        entries.values().removeIf(entry -> now >= entry.expiresAtMillis());
        if (entries.size() >= capacity) {
            entries.clear();
        }
    }

    /** The expiry in epoch milliseconds, from the claim types validators produce; null if unknown. */
    private static Long expiryMillis(Object exp) {
        Instant instant = ClaimInstants.of(exp);
        if (instant == null) {
            return null;
        }
        // Beyond a long of milliseconds: as good as never, or long past.
        if (instant.getEpochSecond() > Long.MAX_VALUE / 1000) {
            return Long.MAX_VALUE;
        }
        return instant.getEpochSecond() < Long.MIN_VALUE / 1000 ? Long.MIN_VALUE : instant.toEpochMilli();
    }

    private record Entry(Authentication authentication, long expiresAtMillis) {}
}
