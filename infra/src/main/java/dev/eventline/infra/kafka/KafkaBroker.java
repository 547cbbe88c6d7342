package dev.eventline.infra.kafka;

import dev.eventline.infra.files.FileTrees;
import dev.eventline.infra.jvm.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker in KRaft combined mode (broker and controller in one process), run as a child
 * JVM from Kafka's own artifacts on loopback listeners: a single-node cluster of its own ({@link
 * #create}), or one node of a {@link KafkaCluster}.
 *
 * <p>Lifecycle: {@link #start()} formats the storage on first use, starts the process and blocks until
 * the broker answers an admin request; {@link #stop()} shuts it down cleanly (SIGTERM, controlled
 * shutdown); {@link #kill()} ends it at once (SIGKILL) for fault tests. A stopped broker may be started
 * again: it keeps its ports and data directory, so clients reconnect to the same address and find
 * their data. A JVM shutdown hook stops a broker that is still running.
 *
 * <p>Thread safety: the lifecycle methods are synchronized; {@link #bootstrapServers()} may be called
 * from any thread.
 */
public final class KafkaBroker implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final BrokerSettings settings;
    private final NodeAddress node;
    private final String quorumVoters;
    private final String clusterId;
    private final Thread shutdownHook = new Thread(this::stopQuietly, "kafka-broker-shutdown");
    private Process process;

    KafkaBroker(BrokerSettings settings, NodeAddress node, String quorumVoters, String clusterId) {
        this.settings = settings;
        this.node = node;
        this.quorumVoters = quorumVoters;
        this.clusterId = clusterId;
    }

    /** Creates a single-node cluster's broker (node 1, its own quorum) that is not started yet. */
    public static KafkaBroker create(BrokerSettings settings) {
        NodeAddress node = NodeAddress.allocate(1, settings.port(), false);
        return new KafkaBroker(settings, node, node.voter(), Uuid.randomUuid().toString());
    }

    /** This node's id in its cluster (1 for a single-node broker). */
    public int nodeId() {
        return node.id();
    }

    /**
     * The {@code bootstrap.servers} value that reaches this broker through its proxied listener: the
     * address it advertises there, where a proxy is expected to forward to {@link #proxiedTarget()}.
     *
     * @throws IllegalStateException when the broker has no proxied listener
     */
    public String proxiedBootstrapServers() {
        return HOST + ":" + node.proxied().orElseThrow().advertisedPort();
    }

    /** Where a proxy for the proxied listener forwards to ({@code host:port}). */
    public String proxiedTarget() {
        return HOST + ":" + node.proxied().orElseThrow().port();
    }

    /** The {@code bootstrap.servers} value for clients of this broker. */
    public String bootstrapServers() {
        return HOST + ":" + node.port();
    }

    /** How long {@link #start()} waits for the broker to serve. */
    Duration startTimeout() {
        return settings.startTimeout();
    }

    /** The data directory: logs, metadata, the broker's own log file. */
    public Path dataDir() {
        return settings.dataDir();
    }

    /** Whether the broker process is alive. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Starts the broker and blocks until it serves requests.
     *
     * @throws IllegalStateException when the process dies or does not become ready in time; the
     *     message carries the tail of the broker's log
     */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        launch();
        awaitReady();
    }

    /**
     * Starts the process without waiting for it to serve: the nodes of a cluster are all launched
     * before any is awaited, since none serves until a majority of the quorum runs.
     */
    synchronized void launch() {
        if (isRunning()) {
            return;
        }
        try {
            Files.createDirectories(settings.dataDir());
            Path config = writeConfig();
            formatStorageIfNeeded(config);
            process = launch(List.of("kafka.Kafka", config.toString()));
            if (!settings.ownSession()) {
                // A broker in its own session is stopped by its owner, in the owner's order (after the
                // services that use it): a hook of its own would run at the same time as the owner's.
                Runtime.getRuntime().addShutdownHook(shutdownHook);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Kafka broker in " + settings.dataDir(), e);
        }
    }

    /**
     * Deletes the broker's partitions and metadata, as a lost disk would; the next {@link #start()}
     * formats the storage again, with the cluster's id, and the node fetches everything back from its
     * peers. Only on a stopped or killed broker.
     *
     * @throws IllegalStateException while the broker runs
     */
    public synchronized void wipe() {
        if (isRunning()) {
            throw new IllegalStateException("stop or kill broker " + node.id() + " before wiping its data");
        }
        try {
            FileTrees.delete(settings.dataDir().resolve("log"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot wipe " + settings.dataDir(), e);
        }
    }

    /** Stops the broker cleanly and waits for the process to end. Does nothing when not running. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
        removeShutdownHook();
    }

    /** Ends the broker process at once, as a crash would. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        removeShutdownHook();
    }

    @Override
    public void close() {
        stop();
    }

    private void stopQuietly() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run: nothing left to remove.
        }
    }

    private Path writeConfig() throws IOException {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(node.id()));
        props.put("controller.quorum.voters", quorumVoters);
        props.putAll(node.listenerProperties());
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", settings.dataDir().resolve("log").toString());
        // A single node cannot hold more replicas than one.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // Topics come from the topic catalog; a typo in a client must not create one.
        props.put("auto.create.topics.enable", "false");
        // Tests start consumer groups often; the default 3 s delay would slow each of them.
        props.put("group.initial.rebalance.delay.ms", "0");
        // Kafka's 128 MB default is sized for big compacted topics; in this broker's small heap it held a
        // quarter of it live for good, keeping G1 in back-to-back marking cycles with remark pauses.
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        settings.overrides().forEach(props::put);
        Path file = settings.dataDir().resolve("server.properties");
        try (var out = Files.newBufferedWriter(file)) {
            props.store(out, "written by " + KafkaBroker.class.getName() + "; rewritten at every start");
        }
        Path log4j = settings.dataDir().resolve("log4j2.properties");
        Files.writeString(
                log4j,
                String.join(
                        "\n",
                        "rootLogger.level = " + settings.logLevel(),
                        "rootLogger.appenderRef.out.ref = out",
                        "appender.out.type = Console",
                        "appender.out.name = out",
                        "appender.out.layout.type = PatternLayout",
                        "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                        ""));
        return file;
    }

    private void formatStorageIfNeeded(Path config) throws IOException {
        if (Files.exists(settings.dataDir().resolve("log").resolve("meta.properties"))) {
            return;
        }
        Process format = launch(List.of(
                "kafka.tools.StorageTool", "format", "--ignore-formatted", "-t", clusterId, "-c", config.toString()));
        try {
            if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting Kafka storage failed:\n" + logTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    private Process launch(List<String> mainAndArgs) throws IOException {
        List<String> command = ChildJvm.command(settings.heapMegabytes());
        // The whole heap from the start, as Kafka's own start script does: left to size itself, G1 kept
        // it near twice the live set, which put the broker in back-to-back marking cycles under load.
        command.add("-Xms" + settings.heapMegabytes() + "m");
        command.add("-XX:+UseG1GC");
        // Pauses, kept beside the broker's log: a client's latency outlier is read against them.
        command.add("-Xlog:gc:file=" + settings.dataDir().resolve("gc.log") + ":uptime,level:filecount=2,filesize=10m");
        command.add("-Djava.awt.headless=true");
        command.add("-Dlog4j2.configurationFile=" + settings.dataDir().resolve("log4j2.properties"));
        command.add("-cp");
        command.add(BrokerClasspath.load());
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(settings.ownSession() ? ChildJvm.inOwnSession(command) : command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        settings.dataDir().resolve("broker.log").toFile()));
        return builder.start();
    }

    /** Blocks until the broker answers an admin request; kills it and throws when it does not in time. */
    void awaitReady() {
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                // Fail each probe fast; the loop below retries until the deadline.
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        try (Admin admin = Admin.create(config)) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "Kafka broker exited with " + process.exitValue() + ":\n" + logTail());
                }
                try {
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000))
                            .nodes()
                            .get(3, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | TimeoutException notYet) {
                    sleep(Duration.ofMillis(200));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Kafka", e);
                }
            }
        }
        kill();
        throw new IllegalStateException("Kafka broker not ready after " + settings.startTimeout() + ":\n" + logTail());
    }

    private String logTail() {
        Path log = settings.dataDir().resolve("broker.log");
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
