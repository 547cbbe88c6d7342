package dev.eventline.infra.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.schemas.catalog.TopicCatalog;
import dev.eventline.schemas.catalog.TopicSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Strimzi topics follow the catalog: the build's output equals the copy in the repository, and
 * each resource is a well-formed {@code KafkaTopic} with the catalog's partitions and retention.
 */
class StrimziTopicsTest {

    private static final Path CHECKED_IN = Path.of("deploy", "strimzi", "topics.yaml");

    @Test
    void theRepositorysCopyIsWhatTheCatalogGenerates() throws IOException {
        String generated = StrimziTopics.yaml(TopicCatalog.load(), StrimziTopics.DEFAULT_CLUSTER);
        assertEquals(
                generated,
                Files.readString(CHECKED_IN),
                "infra/deploy/strimzi/topics.yaml is stale: "
                        + generated.lines().skip(1).findFirst().orElse(""));
    }

    @Test
    void everyCatalogTopicIsAKafkaTopicWithItsPartitionsAndRetention() {
        List<Map<String, Object>> resources = new ArrayList<>();
        new Yaml()
                .loadAll(StrimziTopics.yaml(TopicCatalog.load(), "c"))
                .forEach(document -> resources.add(map(document)));
        List<TopicSpec> topics = TopicCatalog.load().topics();
        assertEquals(topics.size(), resources.size());
        for (int i = 0; i < topics.size(); i++) {
            Map<String, Object> resource = resources.get(i);
            assertEquals("kafka.strimzi.io/v1beta2", resource.get("apiVersion"));
            assertEquals("KafkaTopic", resource.get("kind"));
            Map<String, Object> metadata = map(resource.get("metadata"));
            assertEquals(topics.get(i).name(), metadata.get("name"));
            assertEquals("c", map(metadata.get("labels")).get("strimzi.io/cluster"));
            Map<String, Object> spec = map(resource.get("spec"));
            assertEquals(topics.get(i).partitions(), spec.get("partitions"));
            assertEquals(3, spec.get("replicas"));
            Map<String, Object> config = map(spec.get("config"));
            assertEquals(topics.get(i).retention().toMillis(), ((Number) config.get("retention.ms")).longValue());
            assertEquals(2, config.get("min.insync.replicas"));
            assertTrue(topics.get(i).name().matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?"), "a valid resource name");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
