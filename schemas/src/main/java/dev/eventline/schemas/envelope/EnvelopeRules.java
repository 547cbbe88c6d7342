package dev.eventline.schemas.envelope;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Limits and forms of envelope values. Stateless.
 *
 * <ul>
 *   <li>Tenant ids: 1 to {@value #MAX_TENANT_LENGTH} characters of {@code A-Z a-z 0-9 . _ : @ -}. No
 *       {@code /}: idempotency keys are scoped as {@code tenant/key}, which must never be ambiguous.
 *   <li>Ids (record ids, audience entries, idempotency keys): 1 to {@value #MAX_ID_LENGTH} characters,
 *       not blank, no control characters (they end up in keys, headers and SSE lines).
 *   <li>Audience: at most {@value #MAX_AUDIENCE} entries (a class, a project team; larger groups are
 *       addressed as a whole tenant).
 *   <li>Instants: ISO-8601 or epoch milliseconds from {@value #MIN_YEAR} to {@value #MAX_YEAR}, the
 *       range every client library can represent; beyond it a timestamp is a mistake.
 * </ul>
 */
public final class EnvelopeRules {

    /** Longest tenant id. */
    public static final int MAX_TENANT_LENGTH = 128;

    /** Longest record id, audience entry or idempotency key. */
    public static final int MAX_ID_LENGTH = 256;

    /** Most audience entries on one event. */
    public static final int MAX_AUDIENCE = 1_000;

    /** Earliest year of an instant. */
    public static final int MIN_YEAR = 1970;

    /** Latest year of an instant. */
    public static final int MAX_YEAR = 9999;

    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9._:@-]{1," + MAX_TENANT_LENGTH + "}");
    private static final long MIN_MILLIS = 0;
    private static final long MAX_MILLIS =
            Instant.parse(MAX_YEAR + "-12-31T23:59:59.999Z").toEpochMilli();

    private EnvelopeRules() {}

    /** Whether {@code tenant} is a tenant id. */
    public static boolean isTenantId(String tenant) {
        return tenant != null && TENANT.matcher(tenant).matches();
    }

    /** Why {@code id} is not an id, or null when it is one. */
    public static String idProblem(String id) {
        if (id == null || id.isBlank()) {
            return "must be a non-empty string";
        }
        if (id.length() > MAX_ID_LENGTH) {
            return "must be at most " + MAX_ID_LENGTH + " characters";
        }
        if (id.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "must not contain control characters";
        }
        return null;
    }

    /** The instant in epoch milliseconds, when {@code text} is ISO-8601 within the range. */
    public static OptionalLong isoMillis(String text) {
        try {
            Instant instant = Instant.parse(text);
            if (instant.isBefore(Instant.EPOCH) || instant.getEpochSecond() > MAX_MILLIS / 1000) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(instant.toEpochMilli());
        } catch (DateTimeParseException e) {
            return OptionalLong.empty();
        }
    }

    /** Whether epoch milliseconds lie within the range. */
    public static boolean isMillisInRange(long millis) {
        return millis >= MIN_MILLIS && millis <= MAX_MILLIS;
    }

    /** How the rule reads in an error message. */
    public static String instantForm() {
        return "an ISO-8601 instant (2026-01-31T12:00:00Z) or epoch milliseconds, years " + MIN_YEAR + " to "
                + MAX_YEAR;
    }
}
