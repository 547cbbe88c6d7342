package dev.eventline.schemas.kafka;

import dev.eventline.schemas.catalog.TopicCatalog;
import dev.eventline.schemas.catalog.TopicSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates the topics of the {@link TopicCatalog} on a cluster: the partition count and retention the
 * catalog names, and topics that already exist are left as they are (their data is never touched).
 * Used by the local stack and tests (one replica) and, through {@link CreateTopics}, on real clusters.
 *
 * <p>Blocking; one call per cluster at start-up or deployment.
 */
public final class CatalogTopics {

    private static final long TIMEOUT_SECONDS = 60;

    private CatalogTopics() {}

    /**
     * Creates every missing catalog topic on an unsecured cluster (a development broker).
     *
     * @param bootstrapServers the cluster
     * @param replicationFactor replicas per partition (1 on a development broker)
     * @return the names of the topics this call created
     */
    public static List<String> ensure(String bootstrapServers, TopicCatalog catalog, short replicationFactor) {
        return ensure(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                catalog,
                replicationFactor,
                Map.of());
    }

    /**
     * Creates every missing catalog topic on an unsecured cluster with {@code topicConfig} on each
     * ({@code min.insync.replicas}, say).
     */
    public static List<String> ensure(
            String bootstrapServers, TopicCatalog catalog, short replicationFactor, Map<String, String> topicConfig) {
        return ensure(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                catalog,
                replicationFactor,
                topicConfig);
    }

    /**
     * Creates every missing catalog topic.
     *
     * @param adminConfig admin client settings: bootstrap servers and, on a real cluster, security
     * @param replicationFactor replicas per partition
     * @param topicConfig settings every new topic gets besides its retention (min.insync.replicas, say)
     * @return the names of the topics this call created
     */
    public static List<String> ensure(
            Map<String, Object> adminConfig,
            TopicCatalog catalog,
            short replicationFactor,
            Map<String, String> topicConfig) {
        try (Admin admin = Admin.create(adminConfig)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec spec : catalog.topics()) {
                if (!existing.contains(spec.name())) {
                    Map<String, String> configs = new HashMap<>(topicConfig);
                    configs.put(
                            TopicConfig.RETENTION_MS_CONFIG,
                            String.valueOf(spec.retention().toMillis()));
                    missing.add(new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(configs));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot create catalog topics on " + adminConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
