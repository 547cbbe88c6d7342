package dev.eventline.testkit.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.eventline.infra.token.DevTokens;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * An identity provider as production has one: an RS256 key pair, its public key set served over HTTP
 * on loopback ({@link #jwksUrl()}), and tokens signed with the private key. For tests of a deployment
 * that verifies tokens only against a JWKS URL, without the development secret. Close it when done.
 */
public final class TestIdentityProvider implements AutoCloseable {

    private final RSAKey key;
    private final HttpServer server;

    /** Generates a key and starts serving its key set. */
    public TestIdentityProvider() throws IOException {
        try {
            key = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
    }

    /** The key set's URL, for {@code micronaut.security.token.jwt.signatures.jwks.<name>.url}. */
    public String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    /** A token of this provider with the services' default issuer and audience. */
    public String mint(String user, String tenant, List<String> roles, Duration lifetime) {
        return sign(key, user, tenant, roles, lifetime);
    }

    /** The same token signed by a key this provider does not publish (same key id): a forgery. */
    public static String forged(String user, String tenant, List<String> roles, Duration lifetime) {
        try {
            return sign(new RSAKeyGenerator(2048).keyID("idp-1").generate(), user, tenant, roles, lifetime);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(RSAKey signer, String user, String tenant, List<String> roles, Duration lifetime) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(user)
                .issuer(DevTokens.DEFAULT_ISSUER)
                .audience(DevTokens.DEFAULT_AUDIENCE)
                .claim("roles", roles)
                .expirationTime(Date.from(Instant.now().plus(lifetime)));
        if (tenant != null) {
            claims.claim("tenant", tenant);
        }
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(signer.getKeyID())
                        .build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(signer));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
