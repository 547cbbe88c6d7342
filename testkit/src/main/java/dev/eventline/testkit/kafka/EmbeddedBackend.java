package dev.eventline.testkit.kafka;

import dev.eventline.infra.files.FileTrees;
import dev.eventline.infra.kafka.BrokerSettings;
import dev.eventline.infra.kafka.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The default backend: {@link KafkaBroker} in a temporary directory, removed at the end. */
final class EmbeddedBackend implements BrokerBackend {

    private final Path dataDir;
    private final KafkaBroker broker;

    EmbeddedBackend() {
        try {
            dataDir = Files.createTempDirectory("eventline-test-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        broker = KafkaBroker.create(BrokerSettings.defaults(dataDir)
                .withOverrides(Map.of(
                        // Tests delete records and topics and expect it to take effect at once.
                        "log.retention.check.interval.ms", "1000",
                        "file.delete.delay.ms", "1000",
                        // Keeps a test JVM's broker small: segments of tests are tiny.
                        "log.segment.bytes", String.valueOf(16 * 1024 * 1024))));
        broker.start();
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public void stop() {
        broker.stop();
    }

    @Override
    public void start() {
        broker.start();
    }

    @Override
    public void close() {
        broker.stop();
        // A leftover temp dir is harmless; the broker itself is already stopped.
        FileTrees.deleteQuietly(dataDir);
    }
}
