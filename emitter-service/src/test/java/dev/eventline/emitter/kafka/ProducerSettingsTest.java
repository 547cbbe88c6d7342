package dev.eventline.emitter.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The events producer's settings as micronaut-kafka reads them: one map under
 * {@code kafka.producers.events}, which environment variables only reach through the placeholders
 * in {@code application.yml}. A property named like the variable stands in for it here (placeholders
 * resolve both alike); the environment itself cannot be changed from inside the JVM.
 */
class ProducerSettingsTest {

    @Test
    void eachListedSettingFollowsItsEnvironmentVariable() {
        Map<String, Object> settings = producerSettings(Map.of(
                "KAFKA_PRODUCERS_EVENTS_LINGER_MS", "7",
                "KAFKA_PRODUCERS_EVENTS_DELIVERY_TIMEOUT_MS", "9000"));
        assertEquals("7", String.valueOf(settings.get("linger.ms")));
        assertEquals("9000", String.valueOf(settings.get("delivery.timeout.ms")));
    }

    @Test
    void withoutVariablesTheDocumentedDefaultsApply() {
        Map<String, Object> settings = producerSettings(Map.of());
        assertEquals("all", String.valueOf(settings.get("acks")));
        assertEquals("true", String.valueOf(settings.get("enable.idempotence")));
        assertEquals("5", String.valueOf(settings.get("linger.ms")));
        assertEquals("lz4", String.valueOf(settings.get("compression.type")));
    }

    private static Map<String, Object> producerSettings(Map<String, Object> properties) {
        try (ApplicationContext context =
                ApplicationContext.builder().properties(properties).build()) {
            Environment environment = context.getEnvironment().start();
            return environment.getProperties("kafka.producers.events", StringConvention.RAW);
        }
    }
}
