package dev.eventline.infra.stack;

import dev.eventline.infra.jvm.ChildJvm;
import dev.eventline.infra.tls.DevCertificate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One platform service run from its runnable jar as a child JVM, with its output in a log file. Used by
 * the local stack and by the end-to-end tests; it can be stopped (SIGTERM, so the service drains) or
 * killed (SIGKILL) and started again on the same port.
 *
 * <p>Not thread-safe: drive it from one thread (and a shutdown hook).
 */
public final class ServiceProcess {

    /** Each service's heap limit; the benchmarks give their JVM peers the same. */
    public static final int HEAP_MEGABYTES = 512;

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Path log;
    private final boolean ownSession;
    private final DevCertificate tls;
    private final HttpClient http;
    private Process process;

    /** A service named {@code name} from {@code jar}, listening on {@code port}, logging into {@code logDir}. */
    public ServiceProcess(String name, Path jar, int port, Path logDir) {
        this(name, jar, port, logDir.resolve(name + ".log"), false, null);
    }

    private ServiceProcess(String name, Path jar, int port, Path log, boolean ownSession, DevCertificate tls) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.log = log;
        this.ownSession = ownSession;
        this.tls = tls;
        this.http = tls == null
                ? HTTP
                : HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(2))
                        .sslContext(tls.trustingContext())
                        .build();
    }

    /**
     * The same service started in a session of its own ({@link ChildJvm#inOwnSession}): a terminal's
     * Ctrl-C then reaches only the parent, which stops the service before the broker it uses.
     */
    public ServiceProcess inOwnSession() {
        return new ServiceProcess(name, jar, port, log, true, tls);
    }

    /** The same service serving TLS (h2 and HTTP/1.1 by ALPN) with {@code certificate} on its port. */
    public ServiceProcess withTls(DevCertificate certificate) {
        return new ServiceProcess(name, jar, port, log, ownSession, certificate);
    }

    /** The runnable jar a build left in {@code repo/module/target} (not the tests jar). */
    public static Path builtJar(Path repo, String module) throws IOException {
        Path target = repo.resolve(module).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches(module + "-[0-9].*(?<!-tests)\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "no " + module + " jar in " + target + ": build with ./mvnw -DskipTests package"));
        }
    }

    /** The HTTP client that reaches this service (trusting its development certificate, if any). */
    HttpClient client() {
        return http;
    }

    /** The service's name. */
    public String name() {
        return name;
    }

    /** Its base URL on the loopback interface ({@code https://localhost:<port>} with TLS: the certificate's name). */
    public String url() {
        return tls == null ? "http://127.0.0.1:" + port : "https://localhost:" + port;
    }

    /** The operating-system process id of the running JVM. */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " is not started");
        }
        return process.pid();
    }

    /** Its log file (appended to across restarts). */
    public Path log() {
        return log;
    }

    /** Starts the JVM with {@code env} added to this process's environment; returns at once. */
    public void start(Map<String, String> env) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    name + " jar not found at " + jar + ": build with ./mvnw -DskipTests package");
        }
        Files.createDirectories(log.getParent());
        List<String> command = ChildJvm.command(HEAP_MEGABYTES);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(ownSession ? ChildJvm.inOwnSession(command) : command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("MICRONAUT_SERVER_PORT", String.valueOf(port));
        if (tls != null) {
            builder.environment().putAll(tls.environment());
        }
        process = builder.start();
    }

    /**
     * Blocks until {@code /health} answers UP (every component, readiness included), the process dies,
     * or the timeout passes.
     *
     * @return null when healthy, otherwise why not
     */
    public String awaitHealthy(Duration timeout) {
        return awaitUp("/health", timeout);
    }

    /**
     * Blocks until {@code /health/liveness} answers UP (started, whatever its readiness), the process
     * dies, or the timeout passes.
     *
     * @return null when live, otherwise why not
     */
    public String awaitLive(Duration timeout) {
        return awaitUp("/health/liveness", timeout);
    }

    private String awaitUp(String path, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return name + " exited with " + process.exitValue() + "; see " + log;
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(url() + path))
                                .timeout(Duration.ofSeconds(3))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return null;
                }
                last = path + " answered " + response.statusCode() + ": " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
        return name + " not up after " + timeout + " (" + last + "); see " + log;
    }

    /**
     * Kills the JVM with SIGKILL, as a crashed machine or the OOM killer would: no shutdown hook runs,
     * the kernel closes its sockets. Waits until it is gone.
     */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Stops the JVM with SIGTERM (the service drains), forcibly after 20 s; waits for it. */
    public void stop() {
        if (process == null || !process.isAlive()) {
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
    }
}
