package dev.eventline.schemas.catalog;

/**
 * Whom a topic's events reach by default, the catalog's rule that no producer can forget.
 *
 * <p>{@link #TENANT}: an event without an audience reaches every subscriber of its tenant whose role
 * the topic allows; with one, only those it names. {@link #AUDIENCE}: every event must name at least
 * one audience entry (the emitter refuses it otherwise), and one without (written before the rule)
 * reaches nobody. Per-user data (files, notifications) lives in audience topics, so whether it leaks
 * never depends on a producer remembering a field. The rule itself: {@code envelope.Audience}.
 */
public enum Addressing {
    /** Events reach the whole tenant unless they name an audience. */
    TENANT,
    /** Events reach only the users and groups they name. */
    AUDIENCE;

    /** Parses the catalog spelling ({@code tenant}, {@code audience}). */
    static Addressing parse(String value) {
        return switch (value) {
            case "tenant" -> TENANT;
            case "audience" -> AUDIENCE;
            default ->
                throw new IllegalArgumentException("addressing must be 'tenant' or 'audience', was '" + value + "'");
        };
    }
}
