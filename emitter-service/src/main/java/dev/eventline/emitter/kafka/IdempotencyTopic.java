package dev.eventline.emitter.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

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
        Properties config = new Properties();
        config.putAll(clientConfig);
        try (Admin admin = Admin.create(config)) {
            if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(name)) {
                return;
            }
            short replicas = (short) Math.min(
                    3, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
            NewTopic topic = new NewTopic(name, PARTITIONS, replicas)
                    .configs(Map.of(
                            // A key's last record is what it stands for; compaction keeps that one.
                            TopicConfig.CLEANUP_POLICY_CONFIG,
                            "compact,delete",
                            // Keys older than the idempotency window are no longer needed.
                            TopicConfig.RETENTION_MS_CONFIG,
                            String.valueOf(retention.toMillis())));
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + name, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer while checking the idempotency topic", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
