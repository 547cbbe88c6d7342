package dev.eventline.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.jwt.generator.claims.JwtClaimsSetAdapter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-02T09:00:00Z");
    private final EdgeSettings settings = new EdgeSettings();
    private final TokenRules rules = new TokenRules(settings, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aTokenWithoutExpiryIsRefused() {
        assertNotNull(rules.refusal(claims(new JWTClaimsSet.Builder().subject("u")), null));
        assertNull(rules.refusal(claims(valid()), null));
    }

    @Test
    void aTokenNotValidYetIsRefusedBeyondTheClockSkew() {
        assertNull(rules.refusal(claims(valid().notBeforeTime(Date.from(NOW.plusSeconds(20)))), null));
        assertNotNull(rules.refusal(claims(valid().notBeforeTime(Date.from(NOW.plusSeconds(60)))), null));
    }

    @Test
    void aTenantClaimMustBeATenantId() {
        assertNull(rules.refusal(claims(valid().claim("tenant", "school-1")), null));
        assertNotNull(rules.refusal(claims(valid().claim("tenant", "")), null));
        assertNotNull(rules.refusal(claims(valid().claim("tenant", "t/x")), null));
        assertNotNull(rules.refusal(claims(valid().claim("tenant", 7)), null));
    }

    @Test
    void aStreamTicketAuthenticatesOnlyOnTicketPaths() {
        JWTClaimsSet.Builder ticket = valid().claim(TokenRules.TICKET_CLAIM, true);
        assertNotNull(rules.refusal(claims(ticket), HttpRequest.POST("/v1/events", "")));
        assertNotNull(rules.refusal(claims(ticket), null));
        settings.setTicketPaths(List.of("/v1/stream"));
        assertNull(rules.refusal(claims(ticket), HttpRequest.GET("/v1/stream?ticket=x")));
        assertEquals(false, rules.validate(claims(ticket), HttpRequest.GET("/v1/snapshot")));
    }

    private static JWTClaimsSet.Builder valid() {
        return new JWTClaimsSet.Builder().subject("u").expirationTime(Date.from(NOW.plusSeconds(600)));
    }

    private static JwtClaimsSetAdapter claims(JWTClaimsSet.Builder builder) {
        return new JwtClaimsSetAdapter(builder.build());
    }
}
