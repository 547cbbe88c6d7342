package dev.eventline.infra.kafka;

import dev.eventline.schemas.catalog.TopicCatalog;
import dev.eventline.schemas.catalog.TopicSpec;
import java.util.ArrayList;
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
 *
 * <p>Blocking; one call per cluster at start-up.
 */
public final class CatalogTopics {

    private static final long TIMEOUT_SECONDS = 60;

    private CatalogTopics() {}

    /**
     * Creates every missing catalog topic.
     *
     * @param bootstrapServers the cluster
     * @param replicationFactor replicas per partition (1 on a development broker)
     * @return the names of the topics this call created
     */
    public static List<String> ensure(String bootstrapServers, TopicCatalog catalog, short replicationFactor) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec spec : catalog.topics()) {
                if (!existing.contains(spec.name())) {
                    missing.add(new NewTopic(spec.name(), spec.partitions(), replicationFactor)
                            .configs(Map.of(
                                    TopicConfig.RETENTION_MS_CONFIG,
                                    String.valueOf(spec.retention().toMillis()))));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create catalog topics on " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
