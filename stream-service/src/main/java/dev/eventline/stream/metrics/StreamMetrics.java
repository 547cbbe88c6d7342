package dev.eventline.stream.metrics;

import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.catalog.TopicSpec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stream's meters (Prometheus names): {@code eventline_stream_open} (streams open on this
 * instance, whatever their topics: what autoscaling reads), {@code eventline_stream_connections{topic}}
 * (gauge per topic a stream reads),
 * {@code eventline_stream_deliveries_total}, {@code eventline_stream_latency_seconds} (emitted-at to
 * handed to the connection, histogram), {@code eventline_stream_catch_up_reads_total} (reads not
 * answered from memory), {@code eventline_stream_resets_total}, {@code eventline_stream_conflated_total}, {@code eventline_stream_dropped_total},
 * {@code eventline_stream_rejected_total{reason}}, {@code eventline_snapshot_seconds} (time to answer a
 * snapshot), {@code eventline_snapshot_restored_records_total} (records restored from changelogs at
 * start-up), {@code eventline_snapshot_catch_up_events_total} (log events replayed on top of the store:
 * how far the store lagged when snapshots were taken). Thread-safe.
 */
@Singleton
public final class StreamMetrics {

    private final AtomicInteger open = new AtomicInteger();

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> connections = new ConcurrentHashMap<>();
    private final Counter catchUpReads;
    private final Counter resets;
    private final Counter conflated;
    private final Counter dropped;
    private final Timer latency;
    private final Timer snapshots;
    private final Counter restored;
    private final Counter snapshotCatchUp;

    /** Registers the meters, with a connection gauge per catalog topic. */
    public StreamMetrics(MeterRegistry registry, EventSchemas schemas) {
        this.registry = registry;
        registry.gauge("eventline.stream.open", open);
        for (TopicSpec topic : schemas.catalog().topics()) {
            AtomicInteger gauge = new AtomicInteger();
            connections.put(topic.name(), gauge);
            registry.gauge("eventline.stream.connections", List.of(Tag.of("topic", topic.name())), gauge);
        }
        catchUpReads = registry.counter("eventline.stream.catch.up.reads");
        resets = registry.counter("eventline.stream.resets");
        conflated = registry.counter("eventline.stream.conflated");
        dropped = registry.counter("eventline.stream.dropped");
        latency = Timer.builder("eventline.stream.latency")
                .description("From the event's emitted-at to handing it to the connection")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        // Read from the latency histogram's count when scraped: a counter of its own was a second
        // shared write per delivery, at twenty thousand deliveries a second, for the same number.
        FunctionCounter.builder("eventline.stream.deliveries", latency, Timer::count)
                .description("Events handed to connections")
                .register(registry);
        snapshots = Timer.builder("eventline.snapshot")
                .description("Time to take a snapshot, store scan and log catch-up included")
                .publishPercentileHistogram()
                .register(registry);
        restored = registry.counter("eventline.snapshot.restored.records");
        snapshotCatchUp = registry.counter("eventline.snapshot.catch.up.events");
    }

    /** A snapshot answered after {@code nanos}. */
    public void snapshot(long nanos) {
        snapshots.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Log events a snapshot replayed because the store had not applied them yet. */
    public void snapshotCatchUp(long events) {
        snapshotCatchUp.increment(events);
    }

    /** Records restored into the snapshot store from its changelog. */
    public void restored(long records) {
        restored.increment(records);
    }

    /** A stream opened (+1) or closed (-1) for these topics. */
    public void connections(List<String> topics, int delta) {
        open.addAndGet(delta);
        topics.forEach(topic -> {
            AtomicInteger gauge = connections.get(topic);
            if (gauge != null) {
                gauge.addAndGet(delta);
            }
        });
    }

    /** One event handed to a connection. */
    public void delivered(long emittedAtMillis) {
        latency.record(Math.max(0, System.currentTimeMillis() - emittedAtMillis), TimeUnit.MILLISECONDS);
    }

    /** A read that had to go to Kafka. */
    public void catchUpRead() {
        catchUpReads.increment();
    }

    /** A reset event sent (a cursor below retention). */
    public void reset() {
        resets.increment();
    }

    /** An event a subscription passed over for a later one of its record (conflation). */
    public void conflated() {
        conflated.increment();
    }

    /** A subscriber dropped as too slow. */
    public void dropped() {
        dropped.increment();
    }

    /** A stream refused before it opened, by problem slug (bad cursor, forbidden topic, ...). */
    public void rejected(String reason) {
        Counter.builder("eventline.stream.rejected")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }
}
