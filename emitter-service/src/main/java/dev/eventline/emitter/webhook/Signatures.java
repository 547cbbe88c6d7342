package dev.eventline.emitter.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook signatures: {@code sha256=<hex>} of HMAC-SHA256 over the raw request body with the source's
 * secret, in the {@value #HEADER} header (GitHub's form, which most senders can produce). Compared in
 * constant time. Stateless and thread-safe.
 */
public final class Signatures {

    /** The header carrying the signature. */
    public static final String HEADER = "X-Eventline-Signature";

    private static final String PREFIX = "sha256=";

    private Signatures() {}

    /** The header value for {@code body} signed with {@code secret}. */
    public static String sign(byte[] secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
    }

    /** Whether {@code header} is {@code body}'s signature with {@code secret}. */
    public static boolean verify(byte[] secret, byte[] body, String header) {
        if (header == null || !header.startsWith(PREFIX)) {
            return false;
        }
        byte[] expected = sign(secret, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(
                expected, header.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
