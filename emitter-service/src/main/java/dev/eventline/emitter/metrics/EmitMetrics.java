package dev.eventline.emitter.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The emitter's meters. Names (Prometheus form): {@code eventline_emit_accepted_total{type}}, {@code
 * eventline_emit_rejected_total{type,reason}}, {@code eventline_emit_latency_seconds} (histogram, from
 * request to Kafka acknowledgement), {@code eventline_emit_kafka_errors_total{kind}}, {@code
 * eventline_emit_in_flight}. Thread-safe.
 */
@Singleton
public final class EmitMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Counters by event type; types are validated against the catalog, so these stay small. */
    private final Map<String, Counter> acceptedWritten = new ConcurrentHashMap<>();

    private final Map<String, Counter> acceptedReplayed = new ConcurrentHashMap<>();
    private final Timer latency;

    /** Registers the meters in the application's registry. */
    public EmitMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("eventline.emit.in.flight", inFlight);
        this.latency = Timer.builder("eventline.emit.latency")
                .description("Time from an emit request to the log's acknowledgement")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    /** The gauge of events written but not yet acknowledged. */
    public AtomicInteger inFlight() {
        return inFlight;
    }

    /** Counts an event durably written (replays of earlier writes tagged apart). */
    public void accepted(String type, boolean replayed) {
        // Looked up once per type: registering on every event cost a meter-id build and map lookup.
        (replayed ? acceptedReplayed : acceptedWritten)
                .computeIfAbsent(type, t -> Counter.builder("eventline.emit.accepted")
                        .tag("type", t)
                        .tag("replayed", String.valueOf(replayed))
                        .register(registry))
                .increment();
    }

    /** Records the time from {@code startNanos} ({@link System#nanoTime()}) to now as emit latency. */
    public void latency(long startNanos) {
        latency.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    /** Counts an event not written, by reason (invalid, forbidden, conflict, unavailable, ...). */
    public void rejected(String type, String reason) {
        Counter.builder("eventline.emit.rejected")
                .tag("type", type == null ? "unknown" : type)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    /** Counts a failure of the event log by kind (retry, reject, fatal). */
    public void logError(String kind) {
        Counter.builder("eventline.emit.kafka.errors")
                .tag("kind", kind)
                .register(registry)
                .increment();
    }
}
