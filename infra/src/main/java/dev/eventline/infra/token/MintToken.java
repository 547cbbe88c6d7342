package dev.eventline.infra.token;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Command line: mints a development token and prints it on standard output.
 *
 * <pre>
 * EVENTLINE_JWT_SECRET=... infra/bin/mint-token --user u1 --tenant demo --roles teacher --ttl PT1H
 * </pre>
 */
public final class MintToken {

    private MintToken() {}

    /** Entry point; exits with 2 on bad arguments. */
    public static void main(String[] args) {
        String user = "dev-user";
        String tenant = "demo";
        List<String> roles = List.of("teacher");
        Duration ttl = Duration.ofHours(1);
        try {
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--user" -> user = require(args[i], value);
                    case "--tenant" -> tenant = "-".equals(require(args[i], value)) ? null : value;
                    case "--roles" ->
                        roles = Arrays.asList(require(args[i], value).split(","));
                    case "--ttl" -> ttl = Duration.parse(require(args[i], value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            String secret = System.getenv("EVENTLINE_JWT_SECRET");
            if (secret == null || secret.isBlank()) {
                throw new IllegalArgumentException(
                        "EVENTLINE_JWT_SECRET is not set (source .eventline/env.sh of the local stack)");
            }
            System.out.println(new DevTokens(secret).mint(user, tenant, roles, ttl));
        } catch (RuntimeException e) {
            System.err.println("mint-token: " + e.getMessage());
            System.err.println("usage: mint-token [--user ID] [--tenant ID|-] [--roles r1,r2] [--ttl PT1H]");
            System.exit(2);
        }
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
