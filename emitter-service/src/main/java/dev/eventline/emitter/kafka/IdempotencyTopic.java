package dev.eventline.emitter.kafka;

import dev.eventline.schemas.kafka.InternalTopics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.TopicConfig;

/** Creates the idempotency topic when it does not exist yet. Blocking; used by the store's thread. */
final class IdempotencyTopic {

    private static final int PARTITIONS = 6;

    private final Properties clientConfig;
    private final String name;
    private final Duration retention;

    IdempotencyTopic(Properties clientConfig, String name, Duration retention) {
        this.clientConfig = clientConfig;
        this.name = name;
        this.retention = retention;
    }

    void ensure() {
        InternalTopics.ensure(
                clientConfig,
                name,
                PARTITIONS,
                Map.of(
                        // A key's last record is what it stands for; compaction keeps that one.
                        TopicConfig.CLEANUP_POLICY_CONFIG,
                        "compact,delete",
                        // Keys older than the idempotency window are no longer needed.
                        TopicConfig.RETENTION_MS_CONFIG,
                        String.valueOf(retention.toMillis())));
    }
}
