package dev.eventline.infra.deploy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes manifests in {@code infra/deploy} agree with the services they deploy: no cluster
 * runs here, so what can go stale (variable names, ports, probe paths, grace periods, class names) is
 * checked against the services' own configuration.
 */
class DeploymentFilesTest {

    private static final Path DEPLOY = Path.of("deploy", "k8s");
    private static final Path EMITTER_CONFIG = Path.of("../emitter-service/src/main/resources/application.yml");
    private static final Path STREAM_CONFIG = Path.of("../stream-service/src/main/resources/application.yml");
    // A variable a service reads appears in its configuration: as a placeholder, or named in a comment
    // where Micronaut maps it to a property itself (the identity provider's key set, say).
    private static final Pattern VARIABLE = Pattern.compile("\\b([A-Z][A-Z0-9]*_[A-Z0-9_]+)\\b");

    @Test
    void everyVariableTheManifestsSetIsOneAServiceReads() throws IOException {
        Set<String> known = new HashSet<>();
        for (Path config : List.of(EMITTER_CONFIG, STREAM_CONFIG)) {
            Matcher names = VARIABLE.matcher(Files.readString(config));
            while (names.find()) {
                known.add(names.group(1));
            }
        }
        for (Map<String, Object> resource : resources()) {
            if (resource.get("kind").equals("ConfigMap") || resource.get("kind").equals("Secret")) {
                Map<String, Object> data = map(resource.getOrDefault("data", resource.get("stringData")));
                for (String name : data.keySet()) {
                    // KAFKA_* variables are passed through to the Kafka clients' settings (kafka.*).
                    assertTrue(
                            known.contains(name) || name.startsWith("KAFKA_"),
                            name + " in " + name(resource) + " is read by no service");
                }
            }
        }
    }

    @Test
    void containersListenOnTheServicesPortsAndProbeTheirHealth() throws IOException {
        assertEquals(defaultPort(EMITTER_CONFIG), containerPort(workload("Deployment", "emitter")));
        assertEquals(defaultPort(STREAM_CONFIG), containerPort(workload("StatefulSet", "stream")));
        for (Map<String, Object> workload :
                List.of(workload("Deployment", "emitter"), workload("StatefulSet", "stream"))) {
            Map<String, Object> container = container(workload);
            assertEquals("/health/readiness", probePath(container, "readinessProbe"));
            assertEquals("/health/liveness", probePath(container, "livenessProbe"));
        }
    }

    @Test
    void streamPodsOutliveTheirDrain() throws IOException {
        Matcher grace = Pattern.compile("grace-period: (\\d+)s").matcher(Files.readString(STREAM_CONFIG));
        assertTrue(grace.find(), "stream-service sets a graceful-shutdown grace period");
        Duration drain = Duration.ofSeconds(Long.parseLong(grace.group(1)));
        Map<String, Object> pod =
                map(map(workload("StatefulSet", "stream").get("spec")).get("template"));
        long terminationGrace = ((Number) map(pod.get("spec")).get("terminationGracePeriodSeconds")).longValue();
        assertTrue(terminationGrace > drain.toSeconds(), "SIGKILL must not cut the shutdown drain short");
    }

    @Test
    void streamPodsScaleOnAGaugeTheServiceExportsBelowItsInstanceLimit() throws IOException {
        Map<String, Object> hpa = workload("HorizontalPodAutoscaler", "stream");
        Map<String, Object> spec = map(hpa.get("spec"));
        assertEquals("StatefulSet", map(spec.get("scaleTargetRef")).get("kind"));
        assertTrue(((Number) spec.get("minReplicas")).intValue() >= 2, "never fewer than two: one may fail");
        Map<String, Object> pods = map(((List<?>) spec.get("metrics"))
                .stream()
                        .map(DeploymentFilesTest::map)
                        .filter(metric -> "Pods".equals(metric.get("type")))
                        .findFirst()
                        .orElseThrow()
                        .get("pods"));
        String metric = (String) map(pods.get("metric")).get("name");
        String meters = Files.readString(
                Path.of("../stream-service/src/main/java/dev/eventline/stream/metrics/StreamMetrics.java"));
        assertTrue(meters.contains('"' + metric.replace('_', '.') + '"'), metric + " is a meter of StreamMetrics");
        int target = Integer.parseInt((String) map(pods.get("target")).get("averageValue"));
        Matcher limit = Pattern.compile("DEFAULT_MAX_CONNECTIONS_PER_INSTANCE = ([0-9_]+);")
                .matcher(Files.readString(
                        Path.of("../stream-service/src/main/java/dev/eventline/stream/config/StreamSettings.java")));
        assertTrue(limit.find());
        assertTrue(target < Integer.parseInt(limit.group(1).replace("_", "")), "scale out before pods refuse streams");
    }

    @Test
    void everyWorkloadHasADisruptionBudgetKeepingOnePodServing() throws IOException {
        for (String name : List.of("emitter", "stream")) {
            Map<String, Object> budget =
                    map(workload("PodDisruptionBudget", name).get("spec"));
            assertTrue(
                    Integer.valueOf(1).equals(budget.get("maxUnavailable"))
                            || Integer.valueOf(1).equals(budget.get("minAvailable")),
                    name + ": " + budget);
        }
    }

    @Test
    void topicsJobRunsAClassThatExists() throws IOException {
        List<?> command =
                (List<?>) container(workload("Job", "eventline-topics")).get("command");
        String main = command.get(command.size() - 1).toString();
        assertDoesNotThrow(() -> Class.forName(main), main);
    }

    private static List<Map<String, Object>> resources() throws IOException {
        List<Map<String, Object>> resources = new ArrayList<>();
        try (Stream<Path> files = Files.list(DEPLOY)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                for (Object document : new Yaml().loadAll(Files.readString(file))) {
                    Map<String, Object> resource = map(document);
                    if (resource.containsKey("kind") && !resource.get("kind").equals("Kustomization")) {
                        resources.add(resource);
                    }
                }
            }
        }
        return resources;
    }

    private static Map<String, Object> workload(String kind, String name) throws IOException {
        return resources().stream()
                .filter(r -> r.get("kind").equals(kind) && name(r).equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static Map<String, Object> container(Map<String, Object> workload) {
        Map<String, Object> pod =
                map(map(map(workload.get("spec")).get("template")).get("spec"));
        return map(((List<?>) pod.get("containers")).get(0));
    }

    private static int containerPort(Map<String, Object> workload) {
        return ((Number)
                        map(((List<?>) container(workload).get("ports")).get(0)).get("containerPort"))
                .intValue();
    }

    private static String probePath(Map<String, Object> container, String probe) {
        return map(map(container.get(probe)).get("httpGet")).get("path").toString();
    }

    private static int defaultPort(Path config) throws IOException {
        Matcher port = Pattern.compile("(?m)^    port: (\\d+)").matcher(Files.readString(config));
        assertTrue(port.find(), config + " names its port");
        return Integer.parseInt(port.group(1));
    }

    private static String name(Map<String, Object> resource) {
        return map(resource.get("metadata")).get("name").toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }
}
