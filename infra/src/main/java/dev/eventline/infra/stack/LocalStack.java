package dev.eventline.infra.stack;

import dev.eventline.infra.kafka.BrokerSettings;
import dev.eventline.infra.kafka.FreePorts;
import dev.eventline.infra.kafka.KafkaBroker;
import dev.eventline.infra.kafka.KafkaCluster;
import dev.eventline.infra.tls.DevCertificate;
import dev.eventline.infra.token.DevTokens;
import dev.eventline.schemas.catalog.TopicCatalog;
import dev.eventline.schemas.kafka.CatalogTopics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The whole platform on one machine: started by {@code infra/bin/run-local}, stopped by Ctrl-C. By
 * default one broker and one instance of each service; with {@code --cluster}, {@value
 * #CLUSTER_BROKERS} brokers (replication factor 3, {@code min.insync.replicas} 2), {@value
 * #CLUSTER_INSTANCES} instances of each service and HAProxy in front of them on the usual ports.
 *
 * <p>Environment: {@code KAFKA_BOOTSTRAP_SERVERS} (use that cluster instead of the embedded broker),
 * {@code EVENTLINE_DATA_DIR} (default {@code .eventline} in the repository; reused across runs, so
 * events survive restarts), {@code EVENTLINE_JWT_SECRET} (default: a random secret kept in the data
 * dir), {@code EMITTER_PORT} / {@code STREAM_PORT} / {@code KAFKA_PORT} (preferred ports).
 */
public final class LocalStack {

    static final int DEFAULT_EMITTER_PORT = 8080;
    static final int DEFAULT_STREAM_PORT = 8090;
    static final int DEFAULT_KAFKA_PORT = 9092;
    /** Where a web app in development usually runs (Next.js, SvelteKit, Vite's preview): allowed by default. */
    static final String DEV_APP_ORIGIN = "http://localhost:3000";

    /** Brokers of {@code --cluster}: the fewest where one may fail with writes still acknowledged. */
    static final int CLUSTER_BROKERS = 3;
    /** Instances of each service with {@code --cluster}: enough to lose one. */
    static final int CLUSTER_INSTANCES = 2;

    private static final Duration SERVICE_START_TIMEOUT = Duration.ofSeconds(120);

    private final Path repo;
    private final Path dataDir;
    private final boolean clusterMode;
    private final List<ServiceProcess> services = new ArrayList<>();
    private DevCertificate certificate;
    private KafkaBroker broker;
    private KafkaCluster cluster;
    private LoadBalancer loadBalancer;

    private LocalStack(Path repo, Path dataDir, boolean clusterMode) {
        this.repo = repo;
        this.dataDir = dataDir;
        this.clusterMode = clusterMode;
    }

    /** Entry point: starts everything, prints the banner, then waits for Ctrl-C. */
    public static void main(String[] args) throws Exception {
        Path repo = Path.of(System.getProperty("eventline.repo", "."))
                .toAbsolutePath()
                .normalize();
        String data = System.getenv()
                .getOrDefault("EVENTLINE_DATA_DIR", repo.resolve(".eventline").toString());
        boolean clusterMode = List.of(args).contains("--cluster");
        LocalStack stack = new LocalStack(repo, Path.of(data).toAbsolutePath(), clusterMode);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stack.stop();
                            stopped.countDown();
                        },
                        "local-stack-stop"));
        try {
            stack.start();
        } catch (RuntimeException | IOException e) {
            System.err.println("\nlocal stack failed: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    private void start() throws IOException {
        Files.createDirectories(dataDir);
        String secret = jwtSecret();
        String bootstrap = startKafka();
        ensureTopics(bootstrap);

        int instances = clusterMode ? CLUSTER_INSTANCES : 1;
        List<ServiceProcess> emitters = new ArrayList<>();
        List<ServiceProcess> streams = new ArrayList<>();
        for (int i = 1; i <= instances; i++) {
            int offset = clusterMode ? i : 0;
            emitters.add(service("emitter-service", instanceName("emitter-service", i), DEFAULT_EMITTER_PORT + offset));
            streams.add(service("stream-service", instanceName("stream-service", i), DEFAULT_STREAM_PORT + offset));
        }
        if (clusterMode) {
            loadBalancer = LoadBalancer.create(
                    dataDir.resolve("haproxy"),
                    envPort("EMITTER_PORT", DEFAULT_EMITTER_PORT),
                    envPort("STREAM_PORT", DEFAULT_STREAM_PORT));
        }
        String emitUrl =
                loadBalancer != null ? loadBalancer.emitUrl() : emitters.get(0).url();
        String streamUrl =
                loadBalancer != null ? loadBalancer.streamUrl() : streams.get(0).url();
        // Browser apps on other origins: the demo page (served by stream-service, emitting straight to
        // the emitter) and a web app in development on http://localhost:3000, on both services.
        String browserOrigins = streamUrl + "," + streamUrl.replace("127.0.0.1", "localhost") + "," + DEV_APP_ORIGIN;
        Map<String, String> env = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "EVENTLINE_JWT_SECRET", secret,
                "EVENTLINE_STREAM_TICKETS_SECRET", ticketSecret(),
                "EVENTLINE_CORS_ENABLED", "true",
                "EVENTLINE_CORS_ORIGINS", browserOrigins);
        for (ServiceProcess emitter : emitters) {
            start(emitter, env);
        }
        for (int i = 0; i < streams.size(); i++) {
            // A stable snapshot instance: a restart reopens its store, or restores it from the changelogs.
            Map<String, String> streamEnv = new HashMap<>(env);
            String instance = clusterMode ? "local-" + (i + 1) : "local";
            streamEnv.put("EVENTLINE_SNAPSHOT_INSTANCE_ID", instance);
            streamEnv.put(
                    "EVENTLINE_SNAPSHOT_STATE_DIR",
                    dataDir.resolve("snapshot").resolve(instance).toString());
            start(streams.get(i), streamEnv);
        }
        awaitStarted(streams);
        if (loadBalancer != null) {
            loadBalancer.start(
                    emitters.stream().map(ServiceProcess::url).toList(),
                    streams.stream().map(ServiceProcess::url).toList());
            step("HAProxy in front: emits " + emitUrl + ", streams " + streamUrl + " (log: "
                    + dataDir.resolve("haproxy").resolve("haproxy.log") + ")");
        }
        StackBanner banner = new StackBanner(emitUrl, streamUrl, bootstrap, new DevTokens(secret))
                .withTopology(topology(emitters, streams));
        Path envFile = dataDir.resolve("env.sh");
        Files.writeString(envFile, banner.envFile(secret));
        System.out.println(banner.text(envFile));
    }

    private String startKafka() {
        String bootstrap = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (bootstrap != null && !bootstrap.isBlank()) {
            step("using the Kafka cluster at " + bootstrap);
            return bootstrap;
        }
        // Every child in a session of its own: Ctrl-C reaches this process only, which stops the
        // services first and the broker last (otherwise the terminal stops all at once, and the
        // services log a flood of connection errors while they drain).
        if (clusterMode) {
            Path dir = dataDir.resolve("kafka-cluster");
            step("starting Kafka (" + CLUSTER_BROKERS + " KRaft brokers, replication factor "
                    + KafkaCluster.REPLICATION_FACTOR + ", min.insync.replicas " + KafkaCluster.MIN_IN_SYNC_REPLICAS
                    + ", data in " + dir + ")");
            cluster = KafkaCluster.create(BrokerSettings.defaults(dir).inOwnSession(), CLUSTER_BROKERS, false);
            cluster.start();
            return cluster.bootstrapServers();
        }
        step("starting Kafka (single-node KRaft, data in " + dataDir.resolve("kafka") + ")");
        broker = KafkaBroker.create(BrokerSettings.defaults(dataDir.resolve("kafka"))
                .withPort(FreePorts.preferred(envPort("KAFKA_PORT", DEFAULT_KAFKA_PORT)))
                .inOwnSession());
        broker.start();
        return broker.bootstrapServers();
    }

    private void ensureTopics(String bootstrap) {
        short replicas = cluster != null ? KafkaCluster.REPLICATION_FACTOR : 1;
        Map<String, String> topicConfig = cluster != null
                ? Map.of("min.insync.replicas", String.valueOf(KafkaCluster.MIN_IN_SYNC_REPLICAS))
                : Map.of();
        List<String> created = CatalogTopics.ensure(bootstrap, TopicCatalog.load(), replicas, topicConfig);
        step("topics ready (" + (created.isEmpty() ? "all existed" : "created " + String.join(", ", created)) + ")");
    }

    private void start(ServiceProcess service, Map<String, String> env) throws IOException {
        step("starting " + service.name() + " on " + service.url() + " (log: " + service.log() + ")");
        service.start(env);
    }

    private void awaitStarted(List<ServiceProcess> streams) throws IOException {
        for (ServiceProcess service : services) {
            step("waiting for " + service.name() + " to start");
            String problem = service.awaitLive(SERVICE_START_TIMEOUT);
            if (problem != null) {
                throw new IllegalStateException(problem);
            }
            step(service.name() + " is up");
        }
        for (ServiceProcess stream : streams) {
            SnapshotWarmUp.await(stream, SERVICE_START_TIMEOUT, LocalStack::step);
        }
        for (ServiceProcess service : services) {
            String problem = service.awaitHealthy(SERVICE_START_TIMEOUT);
            if (problem != null) {
                throw new IllegalStateException(problem);
            }
            step(service.name() + " is healthy and ready");
        }
    }

    /** The banner's lines on what runs where, beyond the two front URLs; none for a single node. */
    private List<String> topology(List<ServiceProcess> emitters, List<ServiceProcess> streams) {
        if (cluster == null && loadBalancer == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        if (cluster != null) {
            lines.add("  Kafka brokers    " + cluster.brokers().size() + " KRaft nodes, replication factor "
                    + KafkaCluster.REPLICATION_FACTOR + ", min.insync.replicas " + KafkaCluster.MIN_IN_SYNC_REPLICAS
                    + " (data: " + dataDir.resolve("kafka-cluster") + ")");
        }
        if (loadBalancer != null) {
            lines.add("  HAProxy stats    " + loadBalancer.statsUrl());
            for (ServiceProcess instance : emitters) {
                lines.add("    " + instance.name() + "  " + instance.url() + "  (log: " + instance.log() + ")");
            }
            for (ServiceProcess instance : streams) {
                lines.add("    " + instance.name() + "   " + instance.url() + "  (log: " + instance.log() + ")");
            }
        }
        return lines;
    }

    private void stop() {
        System.out.println("\nstopping the local stack...");
        if (loadBalancer != null) {
            loadBalancer.stop();
        }
        services.forEach(ServiceProcess::stop);
        if (broker != null) {
            broker.stop();
        }
        if (cluster != null) {
            cluster.stop();
        }
        System.out.println("stopped; data kept in " + dataDir);
    }

    private ServiceProcess service(String module, String name, int preferredPort) throws IOException {
        Path jar = ServiceProcess.builtJar(repo, module);
        ServiceProcess service = new ServiceProcess(
                        name, jar, FreePorts.preferred(preferredPort), dataDir.resolve("logs"))
                .inOwnSession();
        // Behind the load balancer the instances speak plaintext HTTP/1.1 to it (as behind an ingress).
        DevCertificate certificate = clusterMode ? null : certificate();
        if (certificate != null) {
            service = service.withTls(certificate);
        }
        services.add(service);
        return service;
    }

    /**
     * With {@code EVENTLINE_TLS=self-signed}, both services serve TLS (so browsers speak HTTP/2) with a
     * development certificate for localhost, made once per data dir; otherwise none.
     */
    private DevCertificate certificate() throws IOException {
        if (!"self-signed".equals(System.getenv("EVENTLINE_TLS"))) {
            return null;
        }
        if (certificate == null) {
            certificate = DevCertificate.create(dataDir.resolve("tls").resolve("localhost.p12"));
        }
        return certificate;
    }

    private String instanceName(String module, int instance) {
        return clusterMode ? module + "-" + instance : module;
    }

    /**
     * The key stream tickets are signed with: shared by every stream instance (a ticket bought at one is
     * used at another), kept in the data dir like the token secret.
     */
    private String ticketSecret() throws IOException {
        String fromEnv = System.getenv("EVENTLINE_STREAM_TICKETS_SECRET");
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : secretFile("ticket-secret");
    }

    private String jwtSecret() throws IOException {
        String fromEnv = System.getenv("EVENTLINE_JWT_SECRET");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        return secretFile("jwt-secret");
    }

    private String secretFile(String name) throws IOException {
        Path file = dataDir.resolve(name);
        if (!Files.exists(file)) {
            Files.writeString(file, DevTokens.randomSecret());
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return Files.readString(file).trim();
    }

    private static int envPort(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    private static void step(String message) {
        System.out.println("==> " + message);
    }
}
