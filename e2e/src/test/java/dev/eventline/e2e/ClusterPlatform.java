package dev.eventline.e2e;

import dev.eventline.infra.kafka.BrokerSettings;
import dev.eventline.infra.kafka.FreePorts;
import dev.eventline.infra.kafka.KafkaBroker;
import dev.eventline.infra.kafka.KafkaCluster;
import dev.eventline.infra.stack.LoadBalancer;
import dev.eventline.infra.stack.ServiceProcess;
import dev.eventline.infra.token.DevTokens;
import dev.eventline.schemas.catalog.TopicCatalog;
import dev.eventline.schemas.kafka.CatalogTopics;
import dev.eventline.testkit.net.FaultyTcpProxy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The production shape on one machine, for fault tests: three KRaft brokers (replication factor 3,
 * {@code min.insync.replicas} 2), two emitters and two stream instances as child JVMs from their jars,
 * HAProxy in front. The second stream instance reaches the brokers through a {@link FaultyTcpProxy}
 * per broker (the brokers advertise the proxies on a listener of its own), so a test can slow or cut
 * its network alone.
 *
 * <p>Not thread-safe: one test thread drives it.
 */
final class ClusterPlatform implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    // A taken-over claim must be older than the producer's delivery timeout: both shortened, as in
    // EmitterCrashIT, so a retry after an emitter's death is answered within seconds.
    private static final Map<String, String> EMITTER_ENV = Map.of(
            "EVENTLINE_EMITTER_IDEMPOTENCY_SETTLE",
            "6s",
            "JDK_JAVA_OPTIONS",
            "-Dkafka.producers.events.delivery.timeout.ms=4000 -Dkafka.producers.events.request.timeout.ms=2000");

    private final Path work;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final KafkaCluster kafka;
    private final List<FaultyTcpProxy> proxies = new ArrayList<>();
    private final List<ServiceProcess> emitters = new ArrayList<>();
    private final List<ServiceProcess> streams = new ArrayList<>();
    private final LoadBalancer loadBalancer;
    private final DevTokens tokens;

    /**
     * Starts it all; emitter 1 also gets {@code emitterOneEnv} (a crash point, say).
     */
    ClusterPlatform(Map<String, String> emitterOneEnv) throws IOException {
        this.work = Path.of(System.getProperty("eventline.e2e.artifacts", "target/e2e"))
                .resolve("cluster-" + run);
        Path stack = Path.of(System.getProperty("eventline.stack.dir", "target/stack"));
        kafka = KafkaCluster.create(BrokerSettings.defaults(work.resolve("kafka")), 3, true);
        kafka.start();
        for (KafkaBroker broker : kafka.brokers()) {
            int advertised = Integer.parseInt(broker.proxiedBootstrapServers().replaceFirst(".*:", ""));
            proxies.add(FaultyTcpProxy.start(advertised, broker.proxiedTarget()));
        }
        CatalogTopics.ensure(
                kafka.bootstrapServers(),
                TopicCatalog.load(),
                KafkaCluster.REPLICATION_FACTOR,
                Map.of("min.insync.replicas", String.valueOf(KafkaCluster.MIN_IN_SYNC_REPLICAS)));
        String secret = DevTokens.randomSecret();
        tokens = new DevTokens(secret);
        Map<String, String> common =
                Map.of("EVENTLINE_JWT_SECRET", secret, "EVENTLINE_STREAM_TICKETS_SECRET", DevTokens.randomSecret());
        Path logs = work.resolve("logs");
        for (int i = 1; i <= 2; i++) {
            ServiceProcess emitter = new ServiceProcess(
                    "emitter-" + i, PlatformProcesses.stackJar(stack, "emitter-service"), FreePorts.next(), logs);
            Map<String, String> env = new HashMap<>(common);
            env.putAll(EMITTER_ENV);
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            Map<String, String> emitterEnv = new HashMap<>(env);
            if (i == 1) {
                emitterEnv.putAll(emitterOneEnv);
            }
            emitter.start(emitterEnv);
            emitters.add(emitter);
        }
        for (int i = 1; i <= 2; i++) {
            ServiceProcess stream = new ServiceProcess(
                    "stream-" + i, PlatformProcesses.stackJar(stack, "stream-service"), FreePorts.next(), logs);
            Map<String, String> env = new HashMap<>(common);
            // The second instance's Kafka traffic goes through the faulty proxies.
            env.put("KAFKA_BOOTSTRAP_SERVERS", i == 1 ? kafka.bootstrapServers() : kafka.proxiedBootstrapServers());
            env.put("EVENTLINE_SNAPSHOT_INSTANCE_ID", "stream-" + i + "-" + run);
            env.put(
                    "EVENTLINE_SNAPSHOT_STATE_DIR",
                    work.resolve("snapshot-" + i).toString());
            stream.start(env);
            streams.add(stream);
        }
        for (ServiceProcess service : all()) {
            awaitHealthy(service);
        }
        loadBalancer = LoadBalancer.create(work.resolve("haproxy"), FreePorts.next(), FreePorts.next());
        loadBalancer.start(
                emitters.stream().map(ServiceProcess::url).toList(),
                streams.stream().map(ServiceProcess::url).toList());
    }

    /** Whether this machine can run it: HAProxy installed (the CI script installs it). */
    static boolean available() {
        return LoadBalancer.available();
    }

    KafkaCluster kafka() {
        return kafka;
    }

    String emitUrl() {
        return loadBalancer.emitUrl();
    }

    String streamUrl() {
        return loadBalancer.streamUrl();
    }

    /** Stream instance {@code i} (1 or 2); instance 2 reaches Kafka through {@link #proxies()}. */
    ServiceProcess stream(int i) {
        return streams.get(i - 1);
    }

    ServiceProcess emitter(int i) {
        return emitters.get(i - 1);
    }

    /** The proxies between stream instance 2 and each broker. */
    List<FaultyTcpProxy> proxies() {
        return proxies;
    }

    /** The {@code bootstrap.servers} of the cluster, for reading what was written. */
    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** A token of {@code user} with {@code role} in {@code tenant}, valid 10 minutes. */
    String token(String user, String tenant, String role) {
        return tokens.mint(user, tenant, List.of(role), Duration.ofMinutes(10));
    }

    @Override
    public void close() {
        loadBalancer.close();
        all().forEach(ServiceProcess::stop);
        proxies.forEach(FaultyTcpProxy::close);
        kafka.close();
    }

    private List<ServiceProcess> all() {
        List<ServiceProcess> all = new ArrayList<>(emitters);
        all.addAll(streams);
        return all;
    }

    private static void awaitHealthy(ServiceProcess service) {
        String problem = service.awaitHealthy(START_TIMEOUT);
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }
}
