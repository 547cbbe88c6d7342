package dev.eventline.stream.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.eventline.edge.TokenRules;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Short-lived, single-use stream tickets, for clients that cannot send headers (the browser's
 * EventSource): {@code POST /v1/stream/tickets} with a bearer token returns one, and {@code GET
 * /v1/stream?ticket=...} opens a stream with the same identity (ADR 0008).
 *
 * <ul>
 *   <li>A ticket is a JWT signed with the ticket key ({@link TicketSettings#SIGNATURE}, never the development
 *       token secret), carrying the caller's subject, tenant, roles, a {@code ticket} claim and the
 *       expiry of the token it was bought with ({@value #TOKEN_EXPIRY_CLAIM}).
 *   <li>It opens a stream for {@code eventline.stream.tickets.lifetime} (30 s), never past that token's
 *       expiry; the stream it opened then lasts until the token's expiry, as a stream opened with the
 *       token would ({@code auth-expired}).
 *   <li>{@link #redeem} refuses a second use anywhere in the cluster ({@link TicketRedemptions}, ADR
 *       0012); it blocks until the cluster decided.
 * </ul>
 *
 * Thread-safe.
 */
@Singleton
public final class StreamTickets {

    /** The claim marking a ticket (a bearer token never has it). */
    public static final String CLAIM = TokenRules.TICKET_CLAIM;

    /** The claim carrying the expiry (epoch seconds) of the token a ticket was bought with. */
    public static final String TOKEN_EXPIRY_CLAIM = "token_exp";

    private final SecretSignature signature;
    private final Duration lifetime;
    private final String issuer;
    private final String audience;
    private final Subscribers subscribers;
    private final TicketRedemptions redemptions;

    /** Signs with the ticket key; issuer and audience as validated. */
    public StreamTickets(
            @Named(TicketSettings.SIGNATURE) SecretSignature signature,
            TicketSettings settings,
            Subscribers subscribers,
            TicketRedemptions redemptions,
            @Value("${micronaut.security.token.jwt.claims-validators.issuer}") String issuer,
            @Value("${micronaut.security.token.jwt.claims-validators.audience}") String audience) {
        if (signature.getSecret().getBytes(StandardCharsets.UTF_8).length < TicketSettings.MIN_SECRET_BYTES) {
            throw new ConfigurationException(
                    "EVENTLINE_STREAM_TICKETS_SECRET must be at least " + TicketSettings.MIN_SECRET_BYTES + " bytes");
        }
        this.signature = signature;
        this.subscribers = subscribers;
        this.redemptions = redemptions;
        this.lifetime = settings.getLifetime();
        this.issuer = issuer;
        this.audience = audience;
    }

    /** How long a new ticket opens a stream (at most). */
    public Duration lifetime() {
        return lifetime;
    }

    /**
     * Issues a ticket for the caller, carrying its tenant, roles and groups; tickets cannot be turned
     * into further tickets.
     */
    public String issue(Authentication caller) {
        Instant now = Instant.now();
        SubscriberIdentity identity = subscribers.identify(caller);
        String tenant = identity.tenant();
        Instant tokenExpiry = identity.expiresAt();
        // A ticket never outlives the token it was bought with.
        Instant expiry = now.plus(lifetime);
        if (tokenExpiry != null && tokenExpiry.isBefore(expiry)) {
            expiry = tokenExpiry;
        }
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(caller.getName())
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiry))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", List.copyOf(caller.getRoles()))
                .claim(CLAIM, true);
        if (tokenExpiry != null) {
            claims.claim(TOKEN_EXPIRY_CLAIM, tokenExpiry.getEpochSecond());
        }
        if (tenant != null) {
            claims.claim("tenant", tenant);
        }
        if (!identity.groups().isEmpty()) {
            claims.claim(subscribers.groupsClaim(), List.copyOf(identity.groups()));
        }
        try {
            return signature.sign(claims.build()).serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a stream ticket", e);
        }
    }

    /** Whether the authentication came from a ticket. */
    public static boolean isTicket(Authentication authentication) {
        return Boolean.TRUE.equals(authentication.getAttributes().get(CLAIM));
    }

    /**
     * Marks a verified ticket used, cluster-wide; blocking. A ticket without an id counts as used: every
     * ticket this service issues has one.
     */
    public TicketRedemptions.Redemption redeem(Authentication ticket) {
        Object id = ticket.getAttributes().get("jti");
        if (id == null) {
            return TicketRedemptions.Redemption.USED_BEFORE;
        }
        // Never past the ticket's own lifetime from now; the margin covers clocks a second apart.
        return redemptions.redeem(id.toString(), Instant.now().plus(lifetime).plusSeconds(60));
    }
}
