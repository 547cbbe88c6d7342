package dev.eventline.edge;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.List;

/**
 * The HTTP edge's settings, under {@code eventline.http}. Defaults are the named constants.
 *
 * <p>Mutable bean populated once by Micronaut at start-up; read-only afterwards.
 */
@ConfigurationProperties("eventline.http")
public class EdgeSettings {

    /**
     * From a connection's first byte (or its opening) to a complete request head. A real client sends
     * its head in one packet; 10 s covers a slow mobile link and stops a slow-loris client from holding
     * a connection for the framework's 5-minute idle timeout.
     */
    public static final Duration DEFAULT_REQUEST_HEAD_TIMEOUT = Duration.ofSeconds(10);

    /** An idle keep-alive connection between requests is closed after this (nginx's default is 75 s). */
    public static final Duration DEFAULT_KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(60);

    /**
     * How far a token's {@code nbf} may lie in the future: the clock difference tolerated between the
     * identity provider and this service.
     */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

    private Duration requestHeadTimeout = DEFAULT_REQUEST_HEAD_TIMEOUT;
    private Duration keepAliveTimeout = DEFAULT_KEEP_ALIVE_TIMEOUT;
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private List<String> ticketPaths = List.of();

    public Duration getRequestHeadTimeout() {
        return requestHeadTimeout;
    }

    public void setRequestHeadTimeout(Duration requestHeadTimeout) {
        this.requestHeadTimeout = requestHeadTimeout;
    }

    public Duration getKeepAliveTimeout() {
        return keepAliveTimeout;
    }

    public void setKeepAliveTimeout(Duration keepAliveTimeout) {
        this.keepAliveTimeout = keepAliveTimeout;
    }

    public Duration getClockSkew() {
        return clockSkew;
    }

    public void setClockSkew(Duration clockSkew) {
        this.clockSkew = clockSkew;
    }

    /** The request paths on which a stream ticket authenticates; none by default (the emitter). */
    public List<String> getTicketPaths() {
        return ticketPaths;
    }

    public void setTicketPaths(List<String> ticketPaths) {
        this.ticketPaths = List.copyOf(ticketPaths);
    }
}
