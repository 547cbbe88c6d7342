package dev.eventline.bench;

import dev.eventline.infra.files.FileTrees;
import dev.eventline.infra.kafka.BrokerSettings;
import dev.eventline.infra.kafka.KafkaBroker;
import dev.eventline.infra.kafka.KafkaCluster;
import dev.eventline.schemas.catalog.TopicCatalog;
import dev.eventline.schemas.kafka.CatalogTopics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What every benchmark starts from: the repository (for the service jars, from the
 * {@code eventline.repo} property the bench script sets), a temporary work folder, and a fresh
 * single-node KRaft broker in it with every catalog topic created. Closing stops the broker and deletes
 * the work folder (broker data, service logs and state), so runs leave nothing behind.
 *
 * <p>Not thread-safe; one per benchmark run.
 */
final class BenchBroker implements AutoCloseable {

    private final Path repo;
    private final Path work;
    private final AutoCloseable kafka;
    private final String bootstrapServers;

    private BenchBroker(Path repo, Path work, AutoCloseable kafka, String bootstrapServers) {
        this.repo = repo;
        this.work = work;
        this.kafka = kafka;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts the broker in a new work folder named after {@code benchmark}; creates the catalog topics. */
    static BenchBroker start(String benchmark) throws IOException {
        Path repo = Path.of(System.getProperty("eventline.repo", ".")).toAbsolutePath();
        Path work = Files.createTempDirectory("eventline-bench-" + benchmark);
        KafkaBroker broker = KafkaBroker.create(BrokerSettings.defaults(work.resolve("kafka")));
        BenchBroker started = new BenchBroker(repo, work, broker, broker.bootstrapServers());
        try {
            broker.start();
            CatalogTopics.ensure(broker.bootstrapServers(), TopicCatalog.load(), (short) 1);
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    /**
     * The same on three brokers: topics with replication factor 3 and {@code min.insync.replicas} 2, as
     * production runs them.
     */
    static BenchBroker startCluster(String benchmark) throws IOException {
        Path repo = Path.of(System.getProperty("eventline.repo", ".")).toAbsolutePath();
        Path work = Files.createTempDirectory("eventline-bench-" + benchmark);
        KafkaCluster cluster = KafkaCluster.create(BrokerSettings.defaults(work.resolve("kafka")), 3, false);
        BenchBroker started = new BenchBroker(repo, work, cluster, cluster.bootstrapServers());
        try {
            cluster.start();
            CatalogTopics.ensure(
                    cluster.bootstrapServers(),
                    TopicCatalog.load(),
                    KafkaCluster.REPLICATION_FACTOR,
                    Map.of("min.insync.replicas", String.valueOf(KafkaCluster.MIN_IN_SYNC_REPLICAS)));
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    /** The repository root. */
    Path repo() {
        return repo;
    }

    /** The run's work folder, deleted on close. */
    Path work() {
        return work;
    }

    /** The broker's bootstrap servers. */
    String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() throws IOException {
        try {
            kafka.close();
        } catch (Exception e) {
            throw new IOException("cannot stop Kafka", e);
        }
        FileTrees.delete(work);
    }
}
