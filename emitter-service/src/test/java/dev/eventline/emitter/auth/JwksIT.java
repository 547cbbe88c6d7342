package dev.eventline.emitter.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.eventline.emitter.EmitterHarness;
import dev.eventline.infra.kafka.junit.KafkaBrokerExtension;
import dev.eventline.infra.kafka.junit.TestKafka;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Production signing: RS256 tokens from an identity provider, verified against its JWKS URL, served
 * here by a real HTTP server the emitter fetches the keys from.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwksIT {

    private HttpServer identityProvider;
    private RSAKey providerKey;
    private EmitterHarness emitter;

    @BeforeAll
    void start(TestKafka kafka) throws Exception {
        providerKey = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        byte[] jwks = new JWKSet(providerKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        identityProvider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        identityProvider.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        identityProvider.start();
        emitter = new EmitterHarness(
                kafka,
                Map.of(
                        "micronaut.security.token.jwt.signatures.jwks.idp.url",
                        "http://127.0.0.1:" + identityProvider.getAddress().getPort() + "/.well-known/jwks.json"));
    }

    @AfterAll
    void stop() {
        emitter.close();
        identityProvider.stop(0);
    }

    @Test
    void acceptsTokensSignedByTheIdentityProvidersKeys() throws Exception {
        HttpResponse<String> response = emitter.post(EmitterHarness.assignment("jwks-1", "t"), token(providerKey));
        assertEquals(201, response.statusCode(), response.body());
    }

    @Test
    void refusesTokensSignedByAKeyTheProviderDoesNotPublish() throws Exception {
        RSAKey impostor = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        HttpResponse<String> response = emitter.post(EmitterHarness.assignment("jwks-2", "t"), token(impostor));
        assertEquals(401, response.statusCode(), response.body());
    }

    private static String token(RSAKey key) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject("svc-1")
                .issuer("eventline-dev")
                .audience("eventline")
                .claim("roles", List.of("producer"))
                .claim("tenant", EmitterHarness.TENANT)
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
