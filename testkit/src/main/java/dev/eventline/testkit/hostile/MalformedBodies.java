package dev.eventline.testkit.hostile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;

/**
 * Malformed emit request bodies: a fixed list of known attacks by name, and seeded random mutations of
 * a valid event (truncations, byte flips, swapped types, duplicated members), so a failure can be
 * replayed from its seed.
 */
public final class MalformedBodies {

    private static final String MUTANTS = "{}[]\",:\\0x \u0000\u00ff";

    private MalformedBodies() {}

    /** Named bodies, each invalid as a whole. */
    public static Map<String, String> named(String valid) {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("empty", "");
        bodies.put("null", "null");
        bodies.put("a string", "\"event\"");
        bodies.put("a number", "42");
        bodies.put("nesting 1001 arrays", "[".repeat(1001) + "]".repeat(1001));
        bodies.put("nesting 1001 objects", "{\"a\":".repeat(1001) + "1" + "}".repeat(1001));
        bodies.put("2000-digit number", valid.replace("\"payload\"", "\"n\": " + "9".repeat(2000) + ", \"payload\""));
        bodies.put("trailing garbage", valid + " garbage");
        bodies.put("two concatenated objects", valid + valid);
        bodies.put("duplicate member", valid.replace("{\"type\"", "{\"type\": \"x\", \"type\""));
        bodies.put("unterminated", valid.substring(0, valid.length() / 2));
        bodies.put("emittedAt beyond year 9999", withEnvelope(valid, "\"emittedAt\": \"+1000000000-12-31T23:59:59Z\""));
        bodies.put("emittedAt before 1970", withEnvelope(valid, "\"emittedAt\": \"1900-01-01T00:00:00Z\""));
        bodies.put("emittedAt as huge millis", withEnvelope(valid, "\"emittedAt\": 9223372036854775807"));
        bodies.put("audience of 1001", withEnvelope(valid, "\"audience\": [" + "\"u\",".repeat(1000) + "\"u\"]"));
        bodies.put("audience with a control character", withEnvelope(valid, "\"audience\": [\"a\\u0000b\"]"));
        bodies.put(
                "recordId with a newline", valid.replaceFirst("\"recordId\": \"[^\"]*\"", "\"recordId\": \"a\\\\nb\""));
        bodies.put("tenantId with a slash", withEnvelope(valid, "\"tenantId\": \"t/x\""));
        bodies.put("tenantId empty", withEnvelope(valid, "\"tenantId\": \"\""));
        bodies.put("eventId not a UUID", withEnvelope(valid, "\"eventId\": \"1\""));
        bodies.put("type unknown", valid.replaceFirst("\"type\": \"[^\"]*\"", "\"type\": \"no.such\""));
        bodies.put(
                "type 10,000 characters",
                valid.replaceFirst("\"type\": \"[^\"]*\"", "\"type\": \"" + "t".repeat(10_000) + "\""));
        bodies.put("90,000 unknown members", unknownMembers(valid, 90_000));
        bodies.put("empty batch", "[]");
        bodies.put("batch of invalid events", "[1, \"x\", null]");
        return bodies;
    }

    /** {@code count} random mutations of {@code valid}, the same for the same seed. */
    public static List<String> mutations(String valid, long seed, int count) {
        Random random = new Random(seed);
        List<String> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bodies.add(mutate(valid, random));
        }
        return bodies;
    }

    private static String mutate(String valid, Random random) {
        StringBuilder body = new StringBuilder(valid);
        int at = random.nextInt(body.length());
        switch (random.nextInt(6)) {
            case 0 -> body.setLength(at);
            case 1 -> body.setCharAt(at, MUTANTS.charAt(random.nextInt(MUTANTS.length())));
            case 2 -> body.insert(at, "\"payload\": 1, ");
            case 3 -> body.replace(at, Math.min(body.length(), at + 1 + random.nextInt(8)), "");
            case 4 -> body.insert(at, "[".repeat(1 + random.nextInt(80)));
            default -> body.insert(at, String.valueOf(random.nextDouble() * Math.pow(10, random.nextInt(400))));
        }
        return body.toString();
    }

    private static String withEnvelope(String valid, String member) {
        return valid.replaceFirst("\\{", Matcher.quoteReplacement("{" + member + ", "));
    }

    private static String unknownMembers(String valid, int count) {
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < count; i++) {
            members.append("\"x").append(i).append("\": 0, ");
        }
        return valid.replaceFirst("\\{", "{" + members);
    }
}
