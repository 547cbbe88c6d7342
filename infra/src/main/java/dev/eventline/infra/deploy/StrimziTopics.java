package dev.eventline.infra.deploy;

import dev.eventline.infra.kafka.KafkaCluster;
import dev.eventline.schemas.catalog.TopicCatalog;
import dev.eventline.schemas.catalog.TopicSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Strimzi {@code KafkaTopic} resources for every catalog topic, for clusters run by the Strimzi
 * operator: partitions and retention from the catalog, replication factor 3 and {@code
 * min.insync.replicas} 2 as the topics job sets them. The build writes them to {@code
 * infra/target/deploy/strimzi-topics.yaml} (phase {@code process-classes}); {@code
 * infra/deploy/strimzi/topics.yaml} is the copy kept in the repository, checked against the catalog by
 * {@code StrimziTopicsTest}.
 *
 * <p>Usage: {@code StrimziTopics <output file> [<Strimzi cluster name>]}. Stateless.
 */
public final class StrimziTopics {

    /** The {@code strimzi.io/cluster} label's default: the name Strimzi's examples give a cluster. */
    public static final String DEFAULT_CLUSTER = "eventline-kafka";

    private StrimziTopics() {}

    /** Writes the resources to the file named first, for the cluster named second (or the default). */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: StrimziTopics <output file> [<Strimzi cluster name>]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, yaml(TopicCatalog.load(), args.length == 2 ? args[1] : DEFAULT_CLUSTER));
    }

    /** The resources as one YAML stream, one document per topic in catalog order. */
    public static String yaml(TopicCatalog catalog, String cluster) {
        List<String> documents = new ArrayList<>();
        for (TopicSpec topic : catalog.topics()) {
            documents.add(String.join(
                    "\n",
                    "apiVersion: kafka.strimzi.io/v1beta2",
                    "kind: KafkaTopic",
                    "metadata:",
                    "  name: " + topic.name(),
                    "  labels:",
                    "    strimzi.io/cluster: " + cluster,
                    "spec:",
                    "  partitions: " + topic.partitions(),
                    "  replicas: " + KafkaCluster.REPLICATION_FACTOR,
                    "  config:",
                    "    retention.ms: " + topic.retention().toMillis(),
                    "    min.insync.replicas: " + KafkaCluster.MIN_IN_SYNC_REPLICAS,
                    ""));
        }
        return "# Generated from the topic catalog by dev.eventline.infra.deploy.StrimziTopics; do not edit.\n"
                + "# Regenerate: ./mvnw -pl infra process-classes && cp infra/target/deploy/strimzi-topics.yaml"
                + " infra/deploy/strimzi/topics.yaml\n"
                + String.join("---\n", documents);
    }
}
