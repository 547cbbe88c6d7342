package dev.eventline.emitter.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eventline.emitter.EmitterHarness;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import dev.eventline.testkit.token.TestIdentityProvider;
import java.net.http.HttpResponse;
import java.time.Duration;
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

    private TestIdentityProvider identityProvider;
    private EmitterHarness emitter;

    @BeforeAll
    void start(TestKafka kafka) throws Exception {
        identityProvider = new TestIdentityProvider();
        emitter = new EmitterHarness(
                kafka, Map.of("micronaut.security.token.jwt.signatures.jwks.idp.url", identityProvider.jwksUrl()));
    }

    @AfterAll
    void stop() {
        emitter.close();
        identityProvider.close();
    }

    @Test
    void acceptsTokensSignedByTheIdentityProvidersKeys() {
        String token =
                identityProvider.mint("svc-1", EmitterHarness.TENANT, List.of("producer"), Duration.ofMinutes(5));
        HttpResponse<String> response = emitter.post(EmitterHarness.assignment("jwks-1", "t"), token);
        assertEquals(201, response.statusCode(), response.body());
    }

    @Test
    void refusesTokensSignedByAKeyTheProviderDoesNotPublish() {
        String forged =
                TestIdentityProvider.forged("svc-1", EmitterHarness.TENANT, List.of("producer"), Duration.ofMinutes(5));
        HttpResponse<String> response = emitter.post(EmitterHarness.assignment("jwks-2", "t"), forged);
        assertEquals(401, response.statusCode(), response.body());
    }
}
