package dev.eventline.stream.auth;

import java.time.Instant;

/**
 * The port to the cluster-wide record of used stream tickets: a ticket opens one stream, at whichever
 * instance it is used first (ADR 0012). No Kafka types.
 *
 * <p>Thread-safe; {@link #redeem} blocks until the cluster decided (milliseconds; at most a few
 * seconds before it answers {@link Redemption#UNAVAILABLE}): call it from a blocking thread.
 */
public interface TicketRedemptions {

    /** What a redemption found. */
    enum Redemption {
        /** This is the ticket's first use anywhere: open the stream. */
        FIRST_USE,
        /** The ticket was used before, here or at another instance. */
        USED_BEFORE,
        /** The record of used tickets cannot be reached; the ticket stays unused. */
        UNAVAILABLE
    }

    /**
     * Marks ticket {@code ticketId} used.
     *
     * @param ticketId the ticket's {@code jti}
     * @param expiresAt when the ticket expires; after that it is refused anyway, so no record of it is
     *     needed
     */
    Redemption redeem(String ticketId, Instant expiresAt);
}
