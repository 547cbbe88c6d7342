package dev.eventline.testkit.kafka;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** The {@link TestKafka} of one JUnit scope: remembers its topics and deletes them when the scope closes. */
final class ScopedTestKafka implements TestKafka, AutoCloseable {

    private static final long TIMEOUT_SECONDS = 30;

    private final BrokerBackend backend;
    private final List<String> topics = new CopyOnWriteArrayList<>();

    ScopedTestKafka(BrokerBackend backend) {
        this.backend = backend;
    }

    @Override
    public String bootstrapServers() {
        return backend.bootstrapServers();
    }

    @Override
    public String createTopic(String prefix, int partitions) {
        return createTopic(prefix, partitions, Map.of());
    }

    @Override
    public String createTopic(String prefix, int partitions, Map<String, String> configs) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        create(new NewTopic(name, partitions, (short) 1).configs(configs), false);
        return name;
    }

    @Override
    public void createNamedTopic(String name, int partitions) {
        create(new NewTopic(name, partitions, (short) 1), true);
    }

    @Override
    public void stopBroker() {
        backend.stop();
    }

    @Override
    public void startBroker() {
        backend.start();
    }

    @Override
    public void close() {
        if (topics.isEmpty()) {
            return;
        }
        try (Admin admin = admin()) {
            admin.deleteTopics(Set.copyOf(topics)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Names are unique per test, so a topic left behind cannot disturb another test.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        topics.clear();
    }

    private void create(NewTopic topic, boolean existingIsFine) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            topics.add(topic.name());
        } catch (ExecutionException e) {
            if (!(existingIsFine && e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic.name(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topic " + topic.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topic " + topic.name(), e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, backend.bootstrapServers()));
    }
}
