package dev.eventline.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.infra.kafka.FreePorts;
import dev.eventline.infra.token.DevTokens;
import dev.eventline.schemas.catalog.TopicCatalog;
import dev.eventline.schemas.kafka.CatalogTopics;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import dev.eventline.testkit.otlp.OtlpCollector;
import dev.eventline.testkit.sse.SseClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What operators see of the running services. Every Eventline metric the alert rules and the Grafana
 * dashboard (infra/deploy/monitoring) query is one the services export, once they have done the work
 * that creates it: an emit, a rate-limited emit, a snapshot, a stream that delivers, a refused stream.
 * The stream service logs a line when a stream opens and when it closes. And a caller's trace runs
 * through both services to an OTLP collector: the emit's request and append spans from the emitter,
 * the delivery span from the stream service, all under the caller's trace id.
 */
@ExtendWith(KafkaBrokerExtension.class)
class MonitoringIT {

    private static final Path MONITORING = Path.of("..", "infra", "deploy", "monitoring");
    private static final Pattern METRIC = Pattern.compile("\\beventline_[a-z_]+");
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Created by its first occurrence only, which a healthy platform never has. */
    private static final Set<String> ON_FAILURE_ONLY = Set.of("eventline_emit_kafka_errors_total");

    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void everyMetricTheRulesAndTheDashboardQueryIsExported(TestKafka kafka) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        CatalogTopics.ensure(bootstrap, TopicCatalog.load(), (short) 1);
        String secret = DevTokens.randomSecret();
        DevTokens tokens = new DevTokens(secret);
        String tenant = "t-" + UUID.randomUUID();
        HttpClient http = HttpClient.newHttpClient();
        try (OtlpCollector collector = new OtlpCollector();
                PlatformProcesses platform = new PlatformProcesses(
                        bootstrap,
                        Map.of("EVENTLINE_JWT_SECRET", secret, "OTEL_EXPORTER_OTLP_ENDPOINT", collector.url()),
                        FreePorts.next(),
                        Map.of("EVENTLINE_EMITTER_RATE_LIMITS_PRODUCER", "0.1:1"))) {
            String teacher = tokens.mint("teacher-1", tenant, List.of("teacher"), Duration.ofHours(1));
            EmitClient producer = new EmitClient(
                    platform.emitterUrl(), tokens.mint("lms", tenant, List.of("producer"), Duration.ofHours(1)));
            try (SseClient stream =
                    SseClient.connect(platform.streamUrl() + "/v1/stream?topics=assignments", teacher)) {
                stream.next(WAIT);
                HttpResponse<String> traced = http.send(
                        HttpRequest.newBuilder(URI.create(platform.emitterUrl() + "/v1/events"))
                                .header("Authorization", "Bearer " + producer.token())
                                .header("Content-Type", "application/json")
                                .header("traceparent", "00-" + CALLER_TRACE + "-00f067aa0ba902b7-01")
                                .POST(HttpRequest.BodyPublishers.ofString(EmitClient.assignmentJson("a-1")))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(201, traced.statusCode(), traced.body());
                assertEquals(429, producer.assignment("a-2").statusCode(), "the limit of one event");
                assertEquals("assignment.created", stream.next(WAIT).event());
            }
            assertEquals(
                    200,
                    get(http, platform.streamUrl() + "/v1/snapshot?topics=assignments", teacher)
                            .statusCode());
            assertEquals(
                    404,
                    get(http, platform.streamUrl() + "/v1/stream?topics=nope", teacher)
                            .statusCode());

            // One line per stream opened and closed, under the connections logger (the close is
            // logged once the server sees the client gone).
            String opened =
                    "eventline.connections - stream opened tenant=" + tenant + " user=teacher-1 topics=assignments";
            String closed =
                    "eventline.connections - stream closed tenant=" + tenant + " user=teacher-1 topics=assignments";
            long deadline = System.nanoTime() + WAIT.toNanos();
            String log = Files.readString(platform.streamLog());
            while (!log.contains(closed) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                log = Files.readString(platform.streamLog());
            }
            assertTrue(log.contains(opened) && log.contains(closed), log);

            // Spans are exported in batches every few seconds.
            for (String span : List.of("POST /v1/events", "publish assignments", "deliver assignments")) {
                long until = System.nanoTime() + WAIT.toNanos();
                while (!collector.received(CALLER_TRACE, span) && System.nanoTime() < until) {
                    Thread.sleep(200);
                }
                assertTrue(collector.received(CALLER_TRACE, span), span + " of the caller's trace was not exported");
            }

            String exported = get(http, platform.emitterUrl() + "/prometheus", null)
                            .body()
                    + get(http, platform.streamUrl() + "/prometheus", null).body();
            Set<String> queried = new TreeSet<>();
            for (String file : List.of("eventline-alerts.yaml", "eventline-dashboard.json")) {
                Matcher names = METRIC.matcher(Files.readString(MONITORING.resolve(file)));
                while (names.find()) {
                    queried.add(names.group());
                }
            }
            assertTrue(queried.size() > 10, queried.toString());
            for (String name : queried) {
                if (!ON_FAILURE_ONLY.contains(name)) {
                    assertTrue(
                            exported.lines()
                                    .anyMatch(line -> line.startsWith(name + "{") || line.startsWith(name + " ")),
                            name + " is queried but not exported");
                }
            }
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
