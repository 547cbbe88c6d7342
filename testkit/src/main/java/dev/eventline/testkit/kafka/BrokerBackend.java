package dev.eventline.testkit.kafka;

/** Where the shared test broker runs: a child JVM from Kafka's artifacts, or a Testcontainers container. */
interface BrokerBackend extends AutoCloseable {

    String bootstrapServers();

    void stop();

    void start();

    @Override
    void close();
}
