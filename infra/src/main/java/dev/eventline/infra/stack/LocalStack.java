package dev.eventline.infra.stack;

import dev.eventline.infra.kafka.BrokerSettings;
import dev.eventline.infra.kafka.FreePorts;
import dev.eventline.infra.kafka.KafkaBroker;
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
 * The whole platform on one machine: started by {@code infra/bin/run-local}, stopped by Ctrl-C.
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

    private static final Duration SERVICE_START_TIMEOUT = Duration.ofSeconds(120);

    private final Path repo;
    private final Path dataDir;
    private final List<ServiceProcess> services = new ArrayList<>();
    private DevCertificate certificate;
    private KafkaBroker broker;

    private LocalStack(Path repo, Path dataDir) {
        this.repo = repo;
        this.dataDir = dataDir;
    }

    /** Entry point: starts everything, prints the banner, then waits for Ctrl-C. */
    public static void main(String[] args) throws Exception {
        Path repo = Path.of(System.getProperty("eventline.repo", "."))
                .toAbsolutePath()
                .normalize();
        String data = System.getenv()
                .getOrDefault("EVENTLINE_DATA_DIR", repo.resolve(".eventline").toString());
        LocalStack stack = new LocalStack(repo, Path.of(data).toAbsolutePath());
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
        String bootstrap = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (bootstrap == null || bootstrap.isBlank()) {
            step("starting Kafka (single-node KRaft, data in " + dataDir.resolve("kafka") + ")");
            // Every child in a session of its own: Ctrl-C reaches this process only, which stops the
            // services first and the broker last (otherwise the terminal stops all at once, and the
            // services log a flood of connection errors while they drain).
            broker = KafkaBroker.create(BrokerSettings.defaults(dataDir.resolve("kafka"))
                    .withPort(FreePorts.preferred(envPort("KAFKA_PORT", DEFAULT_KAFKA_PORT)))
                    .inOwnSession());
            broker.start();
            bootstrap = broker.bootstrapServers();
        } else {
            step("using the Kafka cluster at " + bootstrap);
        }
        List<String> created = CatalogTopics.ensure(bootstrap, TopicCatalog.load(), (short) 1);
        step("topics ready (" + (created.isEmpty() ? "all existed" : "created " + String.join(", ", created)) + ")");

        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "EVENTLINE_JWT_SECRET", secret);
        ServiceProcess emitter = service("emitter-service", envPort("EMITTER_PORT", DEFAULT_EMITTER_PORT));
        ServiceProcess stream = service("stream-service", envPort("STREAM_PORT", DEFAULT_STREAM_PORT));
        // Browser apps on other origins: the demo page (served by stream-service, emitting straight to
        // the emitter) and a web app in development on http://localhost:3000, on both services.
        String browserOrigins =
                stream.url() + "," + stream.url().replace("127.0.0.1", "localhost") + "," + DEV_APP_ORIGIN;
        Map<String, String> emitterEnv = new HashMap<>(env);
        emitterEnv.put("EVENTLINE_CORS_ENABLED", "true");
        emitterEnv.put("EVENTLINE_CORS_ORIGINS", browserOrigins);
        // A stable snapshot instance: a restart restores its store from the changelog topics.
        Map<String, String> streamEnv = new HashMap<>(env);
        streamEnv.put("EVENTLINE_CORS_ENABLED", "true");
        streamEnv.put("EVENTLINE_CORS_ORIGINS", browserOrigins);
        streamEnv.put("EVENTLINE_SNAPSHOT_INSTANCE_ID", "local");
        streamEnv.put(
                "EVENTLINE_SNAPSHOT_STATE_DIR", dataDir.resolve("snapshot").toString());
        for (ServiceProcess service : services) {
            step("starting " + service.name() + " on " + service.url() + " (log: " + service.log() + ")");
            service.start(service == emitter ? emitterEnv : streamEnv);
        }
        for (ServiceProcess service : services) {
            step("waiting for " + service.name() + " to start");
            String problem = service.awaitLive(SERVICE_START_TIMEOUT);
            if (problem != null) {
                throw new IllegalStateException(problem);
            }
            step(service.name() + " is up");
        }
        SnapshotWarmUp.await(stream, SERVICE_START_TIMEOUT, LocalStack::step);
        for (ServiceProcess service : services) {
            String problem = service.awaitHealthy(SERVICE_START_TIMEOUT);
            if (problem != null) {
                throw new IllegalStateException(problem);
            }
            step(service.name() + " is healthy and ready");
        }
        StackBanner banner = new StackBanner(emitter.url(), stream.url(), bootstrap, new DevTokens(secret));
        Path envFile = dataDir.resolve("env.sh");
        Files.writeString(envFile, banner.envFile(secret));
        System.out.println(banner.text(envFile));
    }

    private void stop() {
        System.out.println("\nstopping the local stack...");
        services.forEach(ServiceProcess::stop);
        if (broker != null) {
            broker.stop();
        }
        System.out.println("stopped; data kept in " + dataDir);
    }

    private ServiceProcess service(String module, int preferredPort) throws IOException {
        Path jar = ServiceProcess.builtJar(repo, module);
        ServiceProcess service = new ServiceProcess(
                        module, jar, FreePorts.preferred(preferredPort), dataDir.resolve("logs"))
                .inOwnSession();
        DevCertificate certificate = certificate();
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

    private String jwtSecret() throws IOException {
        String fromEnv = System.getenv("EVENTLINE_JWT_SECRET");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        Path file = dataDir.resolve("jwt-secret");
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
