package dev.eventline.testkit.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.schemas.catalog.TopicCatalog;
import dev.eventline.schemas.catalog.TopicSpec;
import dev.eventline.schemas.kafka.CatalogTopics;
import dev.eventline.schemas.kafka.CreateTopics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class CatalogTopicsIT {

    @Test
    void createsEveryCatalogTopicWithItsPartitionsAndRetentionOnce(TestKafka kafka) throws Exception {
        TopicCatalog catalog = TopicCatalog.load();
        List<String> created = CatalogTopics.ensure(kafka.bootstrapServers(), catalog, (short) 1);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Set<String> names = awaitListed(
                    admin, catalog.topics().stream().map(TopicSpec::name).toList());
            for (TopicSpec spec : catalog.topics()) {
                assertTrue(names.contains(spec.name()), spec.name());
                TopicDescription description = admin.describeTopics(List.of(spec.name()))
                        .allTopicNames()
                        .get()
                        .get(spec.name());
                assertEquals(spec.partitions(), description.partitions().size(), spec.name());
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
                Config config =
                        admin.describeConfigs(List.of(resource)).all().get().get(resource);
                assertEquals(
                        String.valueOf(spec.retention().toMillis()),
                        config.get(TopicConfig.RETENTION_MS_CONFIG).value(),
                        spec.name());
            }
            assertEquals(List.of(), CatalogTopics.ensure(kafka.bootstrapServers(), catalog, (short) 1));
            deleteAndWait(admin, created);
        }
    }

    @Test
    void createTopicsCommandSetsReplicationSettingsAndReportsWhatExists(TestKafka kafka) throws Exception {
        TopicCatalog catalog = TopicCatalog.load();
        String[] args = {"--replication-factor", "1", "--min-insync-replicas", "1"};
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, CreateTopics.run(args, env, print(out), print(err)), err.toString(StandardCharsets.UTF_8));
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertEquals(0, CreateTopics.run(args, env, print(again), print(err)));
        assertTrue(again.toString(StandardCharsets.UTF_8).lines().allMatch(line -> line.startsWith("exists  ")));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "assignments");
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertEquals(
                    "1", config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value());
            deleteAndWait(admin, catalog.topics().stream().map(TopicSpec::name).toList());
        }
    }

    @Test
    void createTopicsCommandRefusesImpossibleReplicationWithUsage(TestKafka kafka) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CreateTopics.run(
                new String[] {"--replication-factor", "1", "--min-insync-replicas", "2"},
                Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()),
                print(new ByteArrayOutputStream()),
                print(err));
        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage:"));
    }

    /**
     * The broker's topic names once it lists all of {@code topics}: a creation the controller has
     * acknowledged reaches the broker's metadata a moment later (seen right after the previous test
     * deleted and this one recreated them).
     */
    private static Set<String> awaitListed(Admin admin, List<String> topics) throws Exception {
        return awaitNames(admin, names -> names.containsAll(topics));
    }

    /** Deletes topics and waits until the broker has forgotten them, so another test can create them anew. */
    private static void deleteAndWait(Admin admin, List<String> topics) throws Exception {
        admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
        if (awaitNames(admin, names -> names.stream().noneMatch(topics::contains)).stream()
                .anyMatch(topics::contains)) {
            throw new AssertionError("topics not deleted within 30 s: " + topics);
        }
    }

    /** The broker's topic names once {@code done} holds for them, or after 30 s, whichever comes first. */
    private static Set<String> awaitNames(Admin admin, Predicate<Set<String>> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (done.test(names) || System.nanoTime() > deadline) {
                return names;
            }
            Thread.sleep(100);
        }
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
