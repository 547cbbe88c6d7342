package dev.eventline.infra.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How to run a {@link KafkaBroker}.
 *
 * @param dataDir where logs, metadata and the broker's log file live; persistent for the local stack,
 *     temporary for tests
 * @param port the client listener port, or 0 for any free loopback port
 * @param heapMegabytes the broker JVM's maximum heap
 * @param startTimeout how long {@link KafkaBroker#start()} waits for the broker to serve requests
 * @param logLevel the broker's root log level (its output goes to {@code broker.log} in the data dir)
 * @param overrides further broker properties, applied last (e.g. retention checks for tests)
 */
public record BrokerSettings(
        Path dataDir,
        int port,
        int heapMegabytes,
        Duration startTimeout,
        String logLevel,
        Map<String, String> overrides,
        boolean ownSession) {

    /** Heap that holds a development broker comfortably; measured about 330 MB RSS with it. */
    public static final int DEFAULT_HEAP_MEGABYTES = 512;

    /** First starts format storage and warm up a cold JVM; about 5 s here, generous for loaded CI. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);

    /** Settings with defaults: any free port, INFO logs, no overrides. */
    public static BrokerSettings defaults(Path dataDir) {
        return new BrokerSettings(dataDir, 0, DEFAULT_HEAP_MEGABYTES, DEFAULT_START_TIMEOUT, "INFO", Map.of(), false);
    }

    /** The same settings on a fixed client port. */
    public BrokerSettings withPort(int newPort) {
        return new BrokerSettings(dataDir, newPort, heapMegabytes, startTimeout, logLevel, overrides, ownSession);
    }

    /** The same settings with extra broker properties. */
    public BrokerSettings withOverrides(Map<String, String> newOverrides) {
        return new BrokerSettings(
                dataDir, port, heapMegabytes, startTimeout, logLevel, Map.copyOf(newOverrides), ownSession);
    }

    /**
     * The same settings with the broker in a session of its own ({@link
     * dev.eventline.infra.jvm.ChildJvm#inOwnSession}) and without a shutdown hook of its own: a
     * terminal's Ctrl-C then reaches only the parent, which must stop the broker itself, after the
     * clients that use it.
     */
    public BrokerSettings inOwnSession() {
        return new BrokerSettings(dataDir, port, heapMegabytes, startTimeout, logLevel, overrides, true);
    }
}
