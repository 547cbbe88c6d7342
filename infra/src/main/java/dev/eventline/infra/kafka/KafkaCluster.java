package dev.eventline.infra.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

/**
 * A replicated Kafka cluster on this machine: {@code size} KRaft nodes, each broker and controller in
 * one child JVM ({@link KafkaBroker}), all of them voters of one quorum. With three nodes or more,
 * every topic the cluster creates has three replicas and needs two in sync for a write ({@code
 * min.insync.replicas=2}, the production setting the deploy files ask for), so any one node may die.
 *
 * <p>Node {@code i} keeps its data in {@code <dataDir>/node-<i>}; its ports stay the same across its
 * restarts. Thread safety: as {@link KafkaBroker}; {@link #bootstrapServers()} from any thread.
 */
public final class KafkaCluster implements AutoCloseable {

    /** Replicas per partition on a cluster big enough: a node may fail with writes still accepted. */
    public static final short REPLICATION_FACTOR = 3;

    /** Replicas that must have a write before it is acknowledged ({@code acks=all}). */
    public static final int MIN_IN_SYNC_REPLICAS = 2;

    private final List<KafkaBroker> brokers;

    private KafkaCluster(List<KafkaBroker> brokers) {
        this.brokers = List.copyOf(brokers);
    }

    /**
     * A cluster of {@code size} nodes that is not started yet.
     *
     * @param settings heap, timeouts, log level and overrides for every node; {@code dataDir} is the
     *     cluster's, {@code port} is ignored
     * @param withProxiedListeners whether each node also gets a listener advertised at a proxy's port
     *     ({@link KafkaBroker#proxiedBootstrapServers()})
     */
    public static KafkaCluster create(BrokerSettings settings, int size, boolean withProxiedListeners) {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster has at least one node: " + size);
        }
        List<NodeAddress> nodes = new ArrayList<>();
        for (int id = 1; id <= size; id++) {
            nodes.add(NodeAddress.allocate(id, 0, withProxiedListeners));
        }
        String voters = nodes.stream().map(NodeAddress::voter).collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        Map<String, String> overrides = new HashMap<>(replication(size));
        overrides.putAll(settings.overrides());
        List<KafkaBroker> brokers = new ArrayList<>();
        for (NodeAddress node : nodes) {
            BrokerSettings nodeSettings = new BrokerSettings(
                            settings.dataDir().resolve("node-" + node.id()),
                            node.port(),
                            settings.heapMegabytes(),
                            settings.startTimeout(),
                            settings.logLevel(),
                            Map.of(),
                            settings.ownSession())
                    .withOverrides(overrides);
            brokers.add(new KafkaBroker(nodeSettings, node, voters, clusterId));
        }
        return new KafkaCluster(brokers);
    }

    /** The replication every internal and new topic gets on a cluster of {@code size} nodes. */
    static Map<String, String> replication(int size) {
        String factor = String.valueOf(Math.min(size, REPLICATION_FACTOR));
        String minIsr = String.valueOf(size >= REPLICATION_FACTOR ? MIN_IN_SYNC_REPLICAS : 1);
        return Map.of(
                "default.replication.factor", factor,
                "min.insync.replicas", minIsr,
                "offsets.topic.replication.factor", factor,
                "transaction.state.log.replication.factor", factor,
                "transaction.state.log.min.isr", minIsr,
                "share.coordinator.state.topic.replication.factor", factor,
                "share.coordinator.state.topic.min.isr", minIsr);
    }

    /** Launches every node, then blocks until each serves and all of them have registered. */
    public void start() {
        // Formatting storage is a JVM start of its own per node: side by side, not one after another.
        inParallel(KafkaBroker::launch);
        brokers.forEach(KafkaBroker::awaitReady);
        awaitRegistered(brokers.size());
    }

    /** Every node's client address, comma-separated: {@code bootstrap.servers} for the cluster. */
    public String bootstrapServers() {
        return brokers.stream().map(KafkaBroker::bootstrapServers).collect(Collectors.joining(","));
    }

    /** The same through the nodes' proxied listeners. */
    public String proxiedBootstrapServers() {
        return brokers.stream().map(KafkaBroker::proxiedBootstrapServers).collect(Collectors.joining(","));
    }

    /** The nodes, by id from 1. */
    public List<KafkaBroker> brokers() {
        return brokers;
    }

    /** Node {@code id} (from 1). */
    public KafkaBroker broker(int id) {
        return brokers.get(id - 1);
    }

    /** The id of the node leading {@code topic}'s {@code partition} now. */
    public int leaderOf(String topic, int partition) {
        try (Admin admin = admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic);
            TopicPartitionInfo info = description.partitions().get(partition);
            Node leader = info.leader();
            if (leader == null) {
                throw new IllegalStateException(topic + "-" + partition + " has no leader");
            }
            return leader.id();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Blocks until every replica of {@code topic}'s partitions is in sync again (after a node came
     * back, say).
     */
    public void awaitFullyReplicated(String topic, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin()) {
            while (true) {
                try {
                    TopicDescription description = admin.describeTopics(List.of(topic))
                            .allTopicNames()
                            .get(10, TimeUnit.SECONDS)
                            .get(topic);
                    if (description.partitions().stream()
                            .allMatch(p -> p.isr().size() == p.replicas().size())) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException notYet) {
                    // A node may be electing; ask again.
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(topic + " not fully replicated within " + timeout);
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * Stops every node cleanly, all at once: one after another, the last node would wait out its stop
     * timeout (30 s) in a controlled shutdown that a quorum without a majority cannot complete.
     */
    public void stop() {
        inParallel(KafkaBroker::stop);
    }

    private void inParallel(Consumer<KafkaBroker> action) {
        List<CompletableFuture<Void>> all = brokers.stream()
                .map(broker -> CompletableFuture.runAsync(() -> action.accept(broker)))
                .toList();
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                // Answers within seconds or not at all: a node may be down, and callers ask again.
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000));
    }

    private void awaitRegistered(int expected) {
        long deadline = System.nanoTime() + brokers.get(0).startTimeout().toNanos();
        try (Admin admin = admin()) {
            while (true) {
                try {
                    if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() >= expected) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException notYet) {
                    // Not answering yet; ask again.
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("fewer than " + expected + " brokers registered in time");
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the cluster", e);
        }
    }
}
