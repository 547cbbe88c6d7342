package dev.eventline.schemas.kafka;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The topics a service keeps for itself (the emitter's idempotency keys, the stream's used tickets):
 * created by the service when missing, with three replicas where the cluster has them (one on a
 * development broker), so they survive a broker as the catalog's topics do. Blocking; stateless.
 */
public final class InternalTopics {

    private static final long TIMEOUT_SECONDS = 30;
    private static final int MAX_REPLICAS = 3;

    private InternalTopics() {}

    /**
     * Creates topic {@code name} unless it exists (also when another instance creates it at the same
     * moment).
     *
     * @param clientConfig the service's Kafka client settings (bootstrap servers, security)
     * @param configs the topic's settings (retention, cleanup policy)
     * @throws IllegalStateException when Kafka does not answer or refuses
     */
    public static void ensure(Properties clientConfig, String name, int partitions, Map<String, String> configs) {
        Properties config = new Properties();
        config.putAll(clientConfig);
        try (Admin admin = Admin.create(config)) {
            if (admin.listTopics()
                    .names()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .contains(name)) {
                return;
            }
            short replicas = (short) Math.min(
                    MAX_REPLICAS,
                    admin.describeCluster()
                            .nodes()
                            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                            .size());
            admin.createTopics(List.of(new NewTopic(name, partitions, replicas).configs(configs)))
                    .all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + name, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer while checking " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
