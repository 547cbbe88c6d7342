package dev.eventline.infra.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class DevTokensTest {

    private final String secret = DevTokens.randomSecret();

    @Test
    void mintsAVerifiableTokenWithUserTenantRolesIssuerAndAudience() throws Exception {
        SignedJWT jwt = SignedJWT.parse(
                new DevTokens(secret).mint("u1", "t1", List.of("teacher", "admin"), Duration.ofMinutes(5)));
        assertTrue(jwt.verify(new MACVerifier(secret)));
        assertEquals("u1", jwt.getJWTClaimsSet().getSubject());
        assertEquals("t1", jwt.getJWTClaimsSet().getStringClaim("tenant"));
        assertEquals(List.of("teacher", "admin"), jwt.getJWTClaimsSet().getStringListClaim("roles"));
        assertEquals(DevTokens.DEFAULT_ISSUER, jwt.getJWTClaimsSet().getIssuer());
        assertEquals(List.of(DevTokens.DEFAULT_AUDIENCE), jwt.getJWTClaimsSet().getAudience());
    }

    @Test
    void negativeLifetimeMintsAnExpiredToken() throws Exception {
        SignedJWT jwt =
                SignedJWT.parse(new DevTokens(secret).mint("u1", "t1", List.of("teacher"), Duration.ofMinutes(-1)));
        assertTrue(jwt.getJWTClaimsSet().getExpirationTime().before(new Date()));
    }

    @Test
    void refusesASecretTooShortForHs256() {
        assertThrows(IllegalArgumentException.class, () -> new DevTokens("short"));
    }
}
