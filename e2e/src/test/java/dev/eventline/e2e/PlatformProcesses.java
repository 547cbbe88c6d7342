package dev.eventline.e2e;

import dev.eventline.infra.kafka.FreePorts;
import dev.eventline.infra.stack.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Both services as users run them: their runnable jars, as child JVMs, on the test broker. */
final class PlatformProcesses implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final ServiceProcess emitter;
    private final ServiceProcess stream;
    private final Map<String, String> emitterEnv;
    private final Map<String, String> streamEnv;

    /**
     * Starts both services; the emitter accepts browser calls from {@code browserOrigins} (CORS).
     */
    PlatformProcesses(String bootstrapServers, String jwtSecret, int streamPort, String browserOrigins)
            throws IOException {
        Path stack = Path.of(System.getProperty("eventline.stack.dir", "target/stack"));
        Path logs = Path.of(System.getProperty("eventline.e2e.artifacts", "target/e2e"));
        Map<String, String> common =
                Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers, "EVENTLINE_JWT_SECRET", jwtSecret);
        this.emitterEnv =
                merge(common, Map.of("EVENTLINE_CORS_ENABLED", "true", "EVENTLINE_CORS_ORIGINS", browserOrigins));
        this.streamEnv = common;
        this.emitter = new ServiceProcess("emitter-service", jar(stack, "emitter-service"), FreePorts.next(), logs);
        this.stream = new ServiceProcess("stream-service", jar(stack, "stream-service"), streamPort, logs);
        emitter.start(emitterEnv);
        stream.start(streamEnv);
        awaitHealthy(emitter);
        awaitHealthy(stream);
    }

    String emitterUrl() {
        return emitter.url();
    }

    String streamUrl() {
        return stream.url();
    }

    /** Stops the stream service (SIGTERM: it drains) and starts it again on the same port. */
    void stopStream() {
        stream.stop();
    }

    void startStream() throws IOException {
        stream.start(streamEnv);
        awaitHealthy(stream);
    }

    @Override
    public void close() {
        stream.stop();
        emitter.stop();
    }

    private static void awaitHealthy(ServiceProcess service) {
        String problem = service.awaitHealthy(START_TIMEOUT);
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    private static Path jar(Path stack, String module) throws IOException {
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
