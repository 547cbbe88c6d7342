package dev.eventline.infra.stack;

import dev.eventline.infra.kafka.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy from Debian's package in front of the services' instances, as a load balancer in production
 * would be: one frontend for emits (round robin), one for streams (least connections, since streams
 * last), a statistics page, and health checks on {@code /health/readiness} every second, so an
 * instance that dies or is not ready leaves its backend within two seconds. A connection refused by a
 * dead instance before the checks noticed is retried on another ({@code option redispatch}); a request
 * already sent is not, and its client retries (emits with their idempotency key).
 *
 * <p>Lifecycle: {@link #start} writes {@code haproxy.cfg} into the work folder and runs HAProxy in the
 * foreground as a child process, its log in {@code haproxy.log}; {@link #stop} ends it. Not
 * thread-safe.
 */
public final class LoadBalancer implements AutoCloseable {

    /** Where Debian's {@code haproxy} package puts the binary. */
    public static final Path HAPROXY = Path.of("/usr/sbin/haproxy");

    // Health checks every second, out after two failures: a dead instance is skipped within ~2 s.
    private static final String CHECKS = "inter 1s fall 2 rise 2";
    // Streams carry a heartbeat every 15 s (eventline.stream.heartbeat): four missed ones end them.
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    private final Path workDir;
    private final int emitPort;
    private final int streamPort;
    private final int statsPort;
    private Process process;

    private LoadBalancer(Path workDir, int emitPort, int streamPort, int statsPort) {
        this.workDir = workDir;
        this.emitPort = emitPort;
        this.streamPort = streamPort;
        this.statsPort = statsPort;
    }

    /** A load balancer on free ports (the preferred ones where free), not started yet. */
    public static LoadBalancer create(Path workDir, int preferredEmitPort, int preferredStreamPort) {
        int emit = FreePorts.preferred(preferredEmitPort);
        int stream = FreePorts.preferred(preferredStreamPort);
        return new LoadBalancer(workDir, emit, stream, FreePorts.next());
    }

    /** Whether HAProxy is installed ({@code apt-get install haproxy}). */
    public static boolean available() {
        return Files.isExecutable(HAPROXY);
    }

    /** The emit frontend's base URL. */
    public String emitUrl() {
        return "http://127.0.0.1:" + emitPort;
    }

    /** The stream frontend's base URL. */
    public String streamUrl() {
        return "http://127.0.0.1:" + streamPort;
    }

    /** HAProxy's statistics page: each instance's state, sessions and health-check results. */
    public String statsUrl() {
        return "http://127.0.0.1:" + statsPort + "/";
    }

    /** The HAProxy process id, for its CPU figures; empty when not running. */
    public Optional<Long> pid() {
        return process != null && process.isAlive() ? Optional.of(process.pid()) : Optional.empty();
    }

    /**
     * Writes the configuration for these instances and starts HAProxy; returns once both frontends
     * accept connections.
     *
     * @param emitters the emitter instances' base URLs ({@code http://host:port})
     * @param streams the stream instances' base URLs
     */
    public void start(List<String> emitters, List<String> streams) throws IOException {
        if (!available()) {
            throw new IllegalStateException(
                    "HAProxy is not installed: apt-get install haproxy (infra/bin/run-local --cluster does it)");
        }
        Files.createDirectories(workDir);
        Path config = workDir.resolve("haproxy.cfg");
        Files.writeString(config, config(emitters, streams));
        process = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        workDir.resolve("haproxy.log").toFile()))
                .start();
        awaitListening(emitPort);
        awaitListening(streamPort);
    }

    /** Ends HAProxy (its open connections with it) and waits for the process. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    String config(List<String> emitters, List<String> streams) {
        long idle = IDLE_TIMEOUT.toSeconds();
        return String.join(
                "\n",
                "# written by " + LoadBalancer.class.getName() + " at every start",
                "global",
                // No maxconn: HAProxy derives it from the open-file limit (two descriptors a connection).
                "  log stdout format raw local0 notice",
                "defaults",
                "  mode http",
                "  log global",
                "  option redispatch",
                "  retries 3",
                "  timeout connect 2s",
                "  timeout http-request 10s",
                "  timeout queue 5s",
                "  timeout client " + idle + "s",
                "  timeout server " + idle + "s",
                "frontend emit",
                "  bind 127.0.0.1:" + emitPort,
                "  default_backend emitters",
                "frontend stream",
                "  bind 127.0.0.1:" + streamPort,
                "  default_backend streams",
                backend("emitters", "roundrobin", "emitter", emitters),
                backend("streams", "leastconn", "stream", streams),
                "listen stats",
                "  bind 127.0.0.1:" + statsPort,
                "  stats enable",
                "  stats uri /",
                "  stats refresh 5s",
                "");
    }

    private static String backend(String name, String balance, String server, List<String> urls) {
        StringBuilder text = new StringBuilder("backend ")
                .append(name)
                .append("\n  balance ")
                .append(balance)
                .append("\n  option httpchk GET /health/readiness\n  http-check expect status 200\n")
                .append("  default-server ")
                .append(CHECKS)
                .append('\n');
        for (int i = 0; i < urls.size(); i++) {
            String address = urls.get(i).replaceFirst("^https?://", "");
            text.append("  server ")
                    .append(server)
                    .append('-')
                    .append(i + 1)
                    .append(' ')
                    .append(address)
                    .append(" check\n");
        }
        return text.toString().stripTrailing();
    }

    private void awaitListening(int port) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "HAProxy exited with " + process.exitValue() + "; see " + workDir.resolve("haproxy.log"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new IOException("HAProxy not listening on " + port + " after 10 s");
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
