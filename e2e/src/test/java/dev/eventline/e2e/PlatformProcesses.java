package dev.eventline.e2e;

import dev.eventline.infra.kafka.FreePorts;
import dev.eventline.infra.stack.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Both services as users run them: their runnable jars, as child JVMs, on the test broker: one
 * emitter and one stream-service instance ({@link ClusterPlatform} runs two of each).
 */
final class PlatformProcesses implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path stack;
    private final Path logs;
    // This platform's own snapshot identities: another test's platform must not reopen its stores.
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final ServiceProcess emitter;
    private final ServiceProcess stream;
    private final Map<String, String> commonEnv;

    /**
     * Starts both services; the emitter gets {@code emitterEnv} besides the broker and the token secret
     * (CORS origins, say, or {@code JDK_JAVA_OPTIONS} with producer settings).
     */
    PlatformProcesses(String bootstrapServers, String jwtSecret, int streamPort, Map<String, String> emitterEnv)
            throws IOException {
        this(bootstrapServers, Map.of("EVENTLINE_JWT_SECRET", jwtSecret), streamPort, emitterEnv);
    }

    /**
     * Starts both services with {@code serviceEnv} on both (how tokens are verified, say: an identity
     * provider's key set instead of a development secret) and {@code emitterEnv} on the emitter.
     */
    PlatformProcesses(
            String bootstrapServers, Map<String, String> serviceEnv, int streamPort, Map<String, String> emitterEnv)
            throws IOException {
        this.stack = Path.of(System.getProperty("eventline.stack.dir", "target/stack"));
        this.logs = Path.of(System.getProperty("eventline.e2e.artifacts", "target/e2e"));
        this.commonEnv = merge(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers), serviceEnv);
        this.emitter = new ServiceProcess("emitter-service", jar("emitter-service"), FreePorts.next(), logs);
        this.stream = new ServiceProcess("stream-service", jar("stream-service"), streamPort, logs);
        emitter.start(merge(commonEnv, emitterEnv));
        stream.start(streamEnv(stream));
        awaitHealthy(emitter);
        awaitHealthy(stream);
    }

    /** The emitter's environment for accepting browser calls from {@code origins} (CORS). */
    static Map<String, String> cors(String origins) {
        return Map.of("EVENTLINE_CORS_ENABLED", "true", "EVENTLINE_CORS_ORIGINS", origins);
    }

    String emitterUrl() {
        return emitter.url();
    }

    /** The stream service's log file. */
    Path streamLog() {
        return stream.log();
    }

    String streamUrl() {
        return stream.url();
    }

    /** Stops the stream service (SIGTERM: it drains) and starts it again on the same port. */
    void stopStream() {
        stream.stop();
    }

    void startStream() throws IOException {
        startStream(Map.of());
    }

    /** Starts the stream service with {@code extraEnv} besides its usual environment. */
    void startStream(Map<String, String> extraEnv) throws IOException {
        stream.start(merge(streamEnv(stream), extraEnv));
        awaitHealthy(stream);
    }

    @Override
    public void close() {
        stream.stop();
        emitter.stop();
    }

    /**
     * A stream instance's environment: its own snapshot identity and state directory (under the build's
     * target folder), kept across its restarts as a StatefulSet pod's would be.
     */
    private Map<String, String> streamEnv(ServiceProcess instance) {
        return merge(
                commonEnv,
                Map.of(
                        "EVENTLINE_SNAPSHOT_INSTANCE_ID",
                        instance.name() + "-" + run,
                        "EVENTLINE_SNAPSHOT_STATE_DIR",
                        logs.resolve("snapshot-" + run).resolve(instance.name()).toString()));
    }

    private static void awaitHealthy(ServiceProcess service) {
        String problem = service.awaitHealthy(START_TIMEOUT);
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    private Path jar(String module) throws IOException {
        return stackJar(stack, module);
    }

    /** The runnable jar of {@code module} that the build copied into {@code stack}. */
    static Path stackJar(Path stack, String module) throws IOException {
        try (Stream<Path> files = Files.list(stack)) {
            return files.filter(p -> p.getFileName().toString().startsWith(module + "-"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + module + " jar in " + stack
                            + ": run through Maven (verify) so it is copied there"));
        }
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> merged = new HashMap<>(a);
        merged.putAll(b);
        return merged;
    }
}
