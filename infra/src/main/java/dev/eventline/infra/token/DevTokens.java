package dev.eventline.infra.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Mints HS256 tokens in the shape the services expect: {@code sub} the user, {@code roles}, {@code
 * tenant}, {@code iss} and {@code aud}, {@code exp}. Development only: whoever holds the secret can
 * mint any identity.
 *
 * <p>Immutable and thread-safe.
 */
public final class DevTokens {

    /** The issuer the services accept for development tokens unless configured otherwise. */
    public static final String DEFAULT_ISSUER = "eventline-dev";

    /** The audience the services require unless configured otherwise. */
    public static final String DEFAULT_AUDIENCE = "eventline";

    /** HS256 needs a key of at least 256 bits. */
    private static final int MIN_SECRET_BYTES = 32;

    private final byte[] secret;
    private final String issuer;
    private final String audience;
    private final Clock clock;

    /** A minter for the given secret with the default issuer and audience. */
    public DevTokens(String secret) {
        this(secret, DEFAULT_ISSUER, DEFAULT_AUDIENCE, Clock.systemUTC());
    }

    /** A minter with every setting explicit; {@code clock} lets tests mint expired tokens. */
    public DevTokens(String secret, String issuer, String audience, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        if (this.secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the signing secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    /** A fresh random secret, URL-safe, suitable for {@code EVENTLINE_JWT_SECRET}. */
    public static String randomSecret() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Mints a signed token.
     *
     * @param user the subject ({@code sub}): the user id events may be addressed to
     * @param tenant the tenant claim, or {@code null} for a platform-wide token
     * @param roles the roles claim
     * @param lifetime time until {@code exp}; negative for an already expired token
     */
    public String mint(String user, String tenant, List<String> roles, Duration lifetime) {
        return mint(user, tenant, roles, List.of(), lifetime);
    }

    /**
     * Mints a signed token whose {@code groups} claim names {@code groups} (tenant-relative group
     * names, which events address as {@code group:<name>}); no claim when there are none.
     */
    public String mint(String user, String tenant, List<String> roles, List<String> groups, Duration lifetime) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(user)
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", List.copyOf(roles));
        if (tenant != null) {
            claims.claim("tenant", tenant);
        }
        if (!groups.isEmpty()) {
            claims.claim("groups", List.copyOf(groups));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a development token", e);
        }
        return jwt.serialize();
    }
}
