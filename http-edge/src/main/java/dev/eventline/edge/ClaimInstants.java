package dev.eventline.edge;

import java.time.Instant;
import java.util.Date;

/** Reads a JWT time claim ({@code exp}, {@code nbf}, {@code iat}) in whichever type a validator left it. */
public final class ClaimInstants {

    private ClaimInstants() {}

    /**
     * The instant, from a {@link Date}, an {@link Instant} or epoch seconds (clamped to the instants
     * Java can hold); null for anything else.
     */
    public static Instant of(Object claim) {
        if (claim instanceof Date date) {
            return date.toInstant();
        }
        if (claim instanceof Instant instant) {
            return instant;
        }
        if (claim instanceof Number seconds) {
            long clamped =
                    Math.max(Instant.MIN.getEpochSecond(), Math.min(seconds.longValue(), Instant.MAX.getEpochSecond()));
            return Instant.ofEpochSecond(clamped);
        }
        return null;
    }
}
