package dev.eventline.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * An emitter dying in the middle of a keyed batch on the cluster (held at its crash point after half
 * the batch is in Kafka, then SIGKILLed), and the producer's retry through the
 * load balancer (which by then sends it to the other emitter): what the retry answers, and what Kafka
 * holds of the tenant afterwards. Each run uses a tenant of its own, so the topic's records of that
 * tenant are the batch's.
 */
final class BatchRetry {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Emitter 1's crash point: it stops for good after Kafka acknowledged half of a 500-event batch. */
    static final Map<String, String> CRASH_MID_BATCH =
            Map.of("EVENTLINE_EMITTER_CRASH_POINT", "after-event-ack", "EVENTLINE_EMITTER_CRASH_POINT_AFTER", "250");

    private static final Duration WAIT = Duration.ofSeconds(90);

    private final ClusterPlatform platform;
    private final String token;
    private final String tenant;

    /**
     * What happened.
     *
     * @param cutShort whether the first attempt got no answer (the kill came first)
     * @param writtenBeforeRetry how many of the batch's events were in Kafka before the retry
     * @param retryStatus the retry's final status
     * @param recovery from the kill to the retry's answer
     * @param answeredEventIds the event ids the retry's answer names
     * @param writtenEventIds the event ids Kafka holds for the tenant, duplicates included
     */
    record Result(
            boolean cutShort,
            int writtenBeforeRetry,
            int retryStatus,
            Duration recovery,
            Set<String> answeredEventIds,
            List<String> writtenEventIds) {}

    BatchRetry(ClusterPlatform platform) {
        this.platform = platform;
        this.tenant = "batch-" + UUID.randomUUID().toString().substring(0, 8);
        this.token = platform.token("producer", tenant, "producer");
    }

    Result killFirstEmitterMidBatchThenRetryThroughTheLoadBalancer(int events) throws Exception {
        String key = UUID.randomUUID().toString();
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            batch.add(EmitClient.assignmentJson("b-" + i));
        }
        String body = "[" + String.join(",", batch) + "]";
        CompletableFuture<HttpResponse<Void>> first = HTTP.sendAsync(
                EmitClient.request(platform.emitter(1).url(), token, body, key),
                HttpResponse.BodyHandlers.discarding());
        awaitCrashPoint();
        platform.emitter(1).kill();
        long killedAt = System.nanoTime();
        boolean cutShort;
        try {
            first.join();
            cutShort = false;
        } catch (RuntimeException e) {
            cutShort = true;
        }
        int before = eventIdsOfTenant().size();
        HttpResponse<String> retried = retryUntilAnswered(body, key);
        Duration recovery = Duration.ofNanos(System.nanoTime() - killedAt);
        Set<String> answered = new HashSet<>();
        if (retried.statusCode() == 201) {
            JSON.readTree(retried.body())
                    .get("results")
                    .forEach(r -> answered.add(r.get("eventId").asText()));
        }
        return new Result(cutShort, before, retried.statusCode(), recovery, answered, eventIdsOfTenant());
    }

    private void awaitCrashPoint() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.readString(platform.emitter(1).log(), StandardCharsets.UTF_8)
                .contains("crash point reached")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("emitter 1 never reached its crash point");
            }
            Thread.sleep(20);
        }
    }

    /** As a producer retries: after a pause on 502, 503 and a 207 with some 503s, until answered. */
    private HttpResponse<String> retryUntilAnswered(String body, String key) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                HttpResponse<String> answer = HTTP.send(
                        EmitClient.request(platform.emitUrl(), token, body, key), HttpResponse.BodyHandlers.ofString());
                boolean retry = answer.statusCode() == 502 || answer.statusCode() == 503 || answer.statusCode() == 207;
                if (!retry || System.nanoTime() > deadline) {
                    return answer;
                }
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(500);
        }
    }

    private List<String> eventIdsOfTenant() {
        return TenantRecords.eventIds(platform.bootstrapServers(), "assignments", tenant, WAIT);
    }
}
