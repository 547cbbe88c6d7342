package dev.eventline.testkit.hostile;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.eventline.infra.token.DevTokens;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tokens a service must refuse (401), each named by what is wrong with it, signed with the service's
 * own development secret unless the flaw is the signature. For {@code Authorization: Bearer}.
 */
public final class HostileTokens {

    private HostileTokens() {}

    /**
     * Every refused token for a caller of {@code tenant} with {@code roles}, by name.
     *
     * @param secret the service's development secret
     */
    public static Map<String, String> refused(String secret, String tenant, List<String> roles) {
        Instant now = Instant.now();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("not a JWT", "not-a-token");
        tokens.put("three empty parts", "..");
        tokens.put("garbage parts", "a.b.c");
        tokens.put("unsigned (alg none)", new PlainJWT(valid(now, tenant, roles).build()).serialize());
        tokens.put("another key", sign(valid(now, tenant, roles), DevTokens.randomSecret()));
        tokens.put("expired", sign(valid(now, tenant, roles).expirationTime(Date.from(now.minusSeconds(60))), secret));
        tokens.put("no exp", sign(valid(now, tenant, roles).expirationTime(null), secret));
        tokens.put(
                "nbf an hour ahead",
                sign(valid(now, tenant, roles).notBeforeTime(Date.from(now.plusSeconds(3600))), secret));
        tokens.put("empty tenant", sign(valid(now, tenant, roles).claim("tenant", ""), secret));
        tokens.put("tenant with a slash", sign(valid(now, tenant, roles).claim("tenant", tenant + "/x"), secret));
        tokens.put("wrong issuer", sign(valid(now, tenant, roles).issuer("someone-else"), secret));
        tokens.put("wrong audience", sign(valid(now, tenant, roles).audience("other"), secret));
        tokens.put("stream ticket", sign(valid(now, tenant, roles).claim("ticket", true), secret));
        tokens.put("header tampered", tamperHeader(sign(valid(now, tenant, roles), secret)));
        tokens.put("payload tampered", tamperPayload(sign(valid(now, tenant, roles), secret)));
        return tokens;
    }

    private static JWTClaimsSet.Builder valid(Instant now, String tenant, List<String> roles) {
        return new JWTClaimsSet.Builder()
                .subject("hostile-1")
                .issuer(DevTokens.DEFAULT_ISSUER)
                .audience(DevTokens.DEFAULT_AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID(UUID.randomUUID().toString())
                .claim("tenant", tenant)
                .claim("roles", roles);
    }

    private static String sign(JWTClaimsSet.Builder claims, String secret) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static String tamperHeader(String token) {
        String[] parts = token.split("\\.");
        parts[0] = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        return String.join(".", parts);
    }

    private static String tamperPayload(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        parts[1] = base64(payload.replace("\"roles\":[", "\"roles\":[\"platform\","));
        return String.join(".", parts);
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
