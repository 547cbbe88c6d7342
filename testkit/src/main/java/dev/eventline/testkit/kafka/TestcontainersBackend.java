package dev.eventline.testkit.kafka;

import dev.eventline.testkit.containers.DockerEngine;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The broker as a Testcontainers container (image {@code apache/kafka}), for machines with a Docker
 * engine. Restarting is not offered: a restarted container loses its address.
 */
final class TestcontainersBackend implements BrokerBackend {

    static final String IMAGE = "apache/kafka:4.2.0";

    private final KafkaContainer container;

    TestcontainersBackend() {
        container = new KafkaContainer(IMAGE);
        container.start();
    }

    /** Whether a Docker engine answers. */
    static boolean dockerAvailable() {
        return DockerEngine.available();
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void stop() {
        throw new UnsupportedOperationException("broker restarts need the embedded backend");
    }

    @Override
    public void start() {
        throw new UnsupportedOperationException("broker restarts need the embedded backend");
    }

    @Override
    public void close() {
        container.stop();
    }
}
