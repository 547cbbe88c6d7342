package dev.eventline.bench;

import dev.eventline.infra.kafka.FreePorts;
import dev.eventline.infra.stack.ServiceProcess;
import dev.eventline.infra.token.DevTokens;
import dev.eventline.testkit.kafka.BulkEvents;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Our stream service as a fan-out target: the stream-service jar on the given broker, subscribers with
 * their own teacher tokens of one tenant reading {@code assignments}, events written to Kafka with the
 * emitter's producer settings (so latency includes Kafka, as producers see it).
 *
 * <p>{@link #publish} is called from one thread; Kafka keeps the tenant's events in order.
 */
final class EventlineTarget implements JvmTarget {

    static final String TENANT = "bench";

    /** The stream service's counter of reads that went to Kafka rather than its recent window. */
    private static final String CATCH_UP_READS = "eventline_stream_catch_up_reads_total";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String name;
    private final int port = FreePorts.next();
    private final ServiceProcess service;
    private final DevTokens tokens;
    private final BulkEvents events;

    /**
     * Starts the stream service (limits raised to the file limit, plus {@code extraEnv}) and a producer;
     * {@code name} tells it apart in the figures.
     */
    EventlineTarget(String name, BenchBroker broker, Map<String, String> extraEnv) throws IOException {
        this(name, broker.repo(), broker, extraEnv);
    }

    /** The same with the stream-service jar of the checkout at {@code repo}: another build, for before/after. */
    EventlineTarget(String name, Path repo, BenchBroker broker, Map<String, String> extraEnv) throws IOException {
        this(name, repo, broker, extraEnv, DevTokens.randomSecret());
    }

    /**
     * The same verifying tokens signed with {@code secret}: instances that share it accept each other's
     * subscribers (behind a load balancer).
     */
    EventlineTarget(String name, Path repo, BenchBroker broker, Map<String, String> extraEnv, String secret)
            throws IOException {
        this.name = name;
        tokens = new DevTokens(secret);
        service = new ServiceProcess(
                "stream-service",
                ServiceProcess.builtJar(repo, "stream-service"),
                port,
                broker.work().resolve(name.replaceAll("[^A-Za-z]+", "-")));
        Map<String, String> env = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "EVENTLINE_JWT_SECRET", secret,
                // One tenant, one instance holding as many subscribers as the file limit allows.
                "EVENTLINE_STREAM_MAX_CONNECTIONS_PER_TENANT", "20000",
                "EVENTLINE_STREAM_MAX_CONNECTIONS_PER_INSTANCE", "20000",
                // Fan-out is measured alone; snapshots have their own benchmark.
                "EVENTLINE_SNAPSHOT_ENABLED", "false"));
        env.putAll(extraEnv);
        service.start(env);
        String problem = service.awaitHealthy(Duration.ofMinutes(2));
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        events = BulkEvents.likeTheEmitter(broker.bootstrapServers());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public long pid() {
        return service.pid();
    }

    /** Its base URL. */
    String url() {
        return service.url();
    }

    @Override
    public String subscribe(int index, String lastEventId) {
        String token = tokens.mint("u-" + index, TENANT, List.of("teacher"), Duration.ofHours(2));
        return "GET /v1/stream?topics=assignments HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n")
                + "\r\n";
    }

    /**
     * The request head of a stream at {@code pathAndQuery} for user {@code user} of the benchmark's
     * tenant with {@code role} and {@code groups}.
     */
    String request(String pathAndQuery, String user, List<String> groups, String role) {
        String token = tokens.mint(user, TENANT, List.of(role), groups, Duration.ofHours(2));
        return "GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                + "Authorization: Bearer " + token + "\r\n\r\n";
    }

    @Override
    public void publish(long sequence) {
        events.send(TENANT, "s-" + sequence, FanOutBenchmark.TITLE);
    }

    @Override
    public void flush() {
        events.flush();
    }

    @Override
    public OptionalLong catchUpReads() throws IOException, InterruptedException {
        HttpResponse<String> metrics = HTTP.send(
                HttpRequest.newBuilder(URI.create(service.url() + "/prometheus"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return metrics.body()
                .lines()
                .filter(line -> line.startsWith(CATCH_UP_READS + " "))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(CATCH_UP_READS.length() + 1)))
                .findFirst();
    }

    @Override
    public void close() {
        events.close();
        service.stop();
    }
}
