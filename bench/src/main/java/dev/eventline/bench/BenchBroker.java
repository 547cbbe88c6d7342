package dev.eventline.bench;

import dev.eventline.infra.files.FileTrees;
import dev.eventline.infra.kafka.BrokerSettings;
import dev.eventline.infra.kafka.KafkaBroker;
import dev.eventline.schemas.catalog.TopicCatalog;
import dev.eventline.schemas.kafka.CatalogTopics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
    private final KafkaBroker broker;

    private BenchBroker(Path repo, Path work, KafkaBroker broker) {
        this.repo = repo;
        this.work = work;
        this.broker = broker;
    }

    /** Starts the broker in a new work folder named after {@code benchmark}; creates the catalog topics. */
    static BenchBroker start(String benchmark) throws IOException {
        Path repo = Path.of(System.getProperty("eventline.repo", ".")).toAbsolutePath();
        Path work = Files.createTempDirectory("eventline-bench-" + benchmark);
        KafkaBroker broker = KafkaBroker.create(BrokerSettings.defaults(work.resolve("kafka")));
        BenchBroker started = new BenchBroker(repo, work, broker);
        try {
            broker.start();
            CatalogTopics.ensure(broker.bootstrapServers(), TopicCatalog.load(), (short) 1);
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
        return broker.bootstrapServers();
    }

    @Override
    public void close() throws IOException {
        broker.close();
        FileTrees.delete(work);
    }
}
