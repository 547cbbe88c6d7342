package dev.eventline.testkit.kafka;

import java.util.HashMap;
import java.util.Map;

/**
 * The configuration a platform service needs to run in an integration test: the test broker, a
 * random free HTTP port, and the development signing secret the test mints its tokens with.
 */
public final class ServiceTestProperties {

    private ServiceTestProperties() {}

    /** Properties for {@code ApplicationContext.run(...)}; {@code extra} entries win. */
    public static Map<String, Object> against(TestKafka kafka, String jwtSecret, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        properties.put("micronaut.security.token.jwt.signatures.secret.dev.secret", jwtSecret);
        properties.putAll(extra);
        return properties;
    }
}
