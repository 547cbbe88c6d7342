package dev.eventline.edge;

import java.util.Map;

/**
 * The optional HS256 verification key from {@code EVENTLINE_JWT_SECRET}: present for the local stack,
 * demos and tests, absent in a production that verifies tokens from an identity provider (JWKS).
 */
public final class DevSigningKey {

    /** The environment variable holding the secret. */
    public static final String ENV = "EVENTLINE_JWT_SECRET";

    /** The property Micronaut Security reads the secret from (the {@code dev} signature). */
    public static final String PROPERTY = "micronaut.security.token.jwt.signatures.secret.dev.secret";

    private DevSigningKey() {}

    /** Start-up properties adding the key when the variable is set; empty otherwise. */
    public static Map<String, Object> properties(Map<String, String> env) {
        String secret = env.get(ENV);
        if (secret == null || secret.isBlank()) {
            return Map.of();
        }
        return Map.of(PROPERTY, secret, "micronaut.security.token.jwt.signatures.secret.dev.jws-algorithm", "HS256");
    }
}
