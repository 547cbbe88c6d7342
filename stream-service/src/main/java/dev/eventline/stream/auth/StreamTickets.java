package dev.eventline.stream.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.eventline.edge.TokenRules;
import dev.eventline.problem.ProblemException;
import io.micronaut.context.annotation.Value;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-lived, single-use stream tickets, for clients that cannot send headers (the browser's
 * EventSource): {@code POST /v1/stream/tickets} with a bearer token returns one, and {@code GET
 * /v1/stream?ticket=...} opens a stream with the same identity.
 *
 * <p>A ticket is a JWT signed with this service's HS256 key (without one, tickets are refused with 503), carrying the caller's subject, tenant,
 * roles and a {@code ticket} claim, valid {@value #LIFETIME_SECONDS} s or until the token it was bought
 * with expires, whichever is sooner; it is verified like any token, accepted on the stream endpoint
 * only (TokenRules),
 * and then {@link #redeem} refuses a second use. Single use holds per instance: a ticket replayed
 * against another instance within its lifetime is not caught, which the short lifetime bounds.
 * Thread-safe.
 */
@Singleton
public final class StreamTickets {

    /** How long a ticket is valid: time enough to open an EventSource, too short to be worth stealing. */
    public static final long LIFETIME_SECONDS = 30;

    /** The claim marking a ticket (a bearer token never has it). */
    public static final String CLAIM = TokenRules.TICKET_CLAIM;

    private final byte[] secret;
    private final String issuer;
    private final String audience;
    private final Map<String, Instant> redeemed = new ConcurrentHashMap<>();

    /** Signs with the configured development/service secret; issuer and audience as validated. */
    public StreamTickets(
            @Value("${micronaut.security.token.jwt.signatures.secret.dev.secret:}") String secret,
            @Value("${micronaut.security.token.jwt.claims-validators.issuer}") String issuer,
            @Value("${micronaut.security.token.jwt.claims-validators.audience}") String audience) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.issuer = issuer;
        this.audience = audience;
    }

    /** Issues a ticket for the caller; tickets cannot be turned into further tickets. */
    public String issue(Authentication caller) {
        if (secret.length == 0) {
            throw ProblemException.unavailable(
                    "tickets-disabled",
                    "stream tickets need a signing key (EVENTLINE_JWT_SECRET); use the cookie or a header",
                    Duration.ofMinutes(5));
        }
        Instant now = Instant.now();
        Object tenant = caller.getAttributes().get("tenant");
        // A ticket never outlives the token it was bought with.
        Instant expiry = now.plusSeconds(LIFETIME_SECONDS);
        Instant tokenExpiry = SubscriberIdentity.of(caller).expiresAt();
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
        if (tenant != null) {
            claims.claim("tenant", tenant.toString());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a stream ticket", e);
        }
        return jwt.serialize();
    }

    /** Whether the authentication came from a ticket. */
    public static boolean isTicket(Authentication authentication) {
        return Boolean.TRUE.equals(authentication.getAttributes().get(CLAIM));
    }

    /** Marks a verified ticket used; false when it was used before. */
    public boolean redeem(Authentication ticket) {
        Instant now = Instant.now();
        redeemed.values().removeIf(expiry -> expiry.isBefore(now));
        Object id = ticket.getAttributes().get("jti");
        return id != null && redeemed.putIfAbsent(id.toString(), now.plusSeconds(LIFETIME_SECONDS + 60)) == null;
    }
}
