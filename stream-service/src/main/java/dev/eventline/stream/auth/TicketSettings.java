package dev.eventline.stream.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Stream tickets, under {@code eventline.stream.tickets} (ADR 0008). Defaults are the named constants.
 * Their key is Micronaut Security's secret signature {@value #SIGNATURE} ({@code
 * EVENTLINE_STREAM_TICKETS_SECRET}, in application.yml), so the JWT validator verifies tickets too.
 *
 * <p>Mutable bean populated once by Micronaut at start-up; read-only afterwards.
 */
@ConfigurationProperties("eventline.stream.tickets")
public class TicketSettings {

    /** Time enough to open an EventSource after buying the ticket, too short to be worth stealing. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(30);

    /** HS256 needs a key of at least 256 bits. */
    public static final int MIN_SECRET_BYTES = 32;

    /** The name of the tickets' signature among Micronaut Security's ({@code signatures.secret.ticket}). */
    public static final String SIGNATURE = "ticket";

    /**
     * The topic of used tickets, shared by every stream instance (ADR 0012); created by the service when
     * missing, one partition (a redemption per stream opened is little), records kept an hour.
     */
    public static final String DEFAULT_TOPIC = "eventline.stream-tickets";

    private Duration lifetime = DEFAULT_LIFETIME;
    private String topic = DEFAULT_TOPIC;

    /** How long a ticket opens a stream; never beyond the token it was bought with. */
    public Duration getLifetime() {
        return lifetime;
    }

    public void setLifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    /** The topic recording used tickets. */
    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }
}
