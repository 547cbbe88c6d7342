package dev.eventline.testkit.kafka;

import java.util.Map;

/**
 * A real Kafka broker for integration tests, shared by every test of the JVM, with topics that belong
 * to the test (or test class) that created them and are deleted when it ends.
 *
 * <p>Obtain one as a parameter of a test method, constructor or lifecycle method of a class extended
 * with {@link KafkaBrokerExtension}. Thread-safe.
 */
public interface TestKafka {

    /** The {@code bootstrap.servers} of the broker. */
    String bootstrapServers();

    /**
     * Creates a topic with a unique name starting with {@code prefix} and waits until it is usable.
     *
     * @return the topic's name
     */
    String createTopic(String prefix, int partitions);

    /** Like {@link #createTopic(String, int)} with topic configs (e.g. {@code retention.ms}). */
    String createTopic(String prefix, int partitions, Map<String, String> configs);

    /**
     * Creates a topic with exactly this name (a catalog topic, say), unless it exists. Deleted with
     * the other topics of the test.
     */
    void createNamedTopic(String name, int partitions);

    /** Stops the broker cleanly; clients see it gone. For fault tests. */
    void stopBroker();

    /** Starts a stopped broker again on the same address with the same data. */
    void startBroker();
}
