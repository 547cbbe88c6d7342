package dev.eventline.infra.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.infra.kafka.junit.KafkaBrokerExtension;
import dev.eventline.infra.kafka.junit.TestKafka;
import dev.eventline.schemas.catalog.TopicCatalog;
import dev.eventline.schemas.catalog.TopicSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
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
            admin.deleteTopics(created).all().get(30, TimeUnit.SECONDS);
        }
    }
}
