package dev.eventline.stream.metrics;

import dev.eventline.stream.config.StreamSettings;
import dev.eventline.stream.subscription.StreamLog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;

/**
 * What alerts compare the stream's meters with: {@code eventline_stream_max_connections} (this
 * instance's limit, so saturation is {@code eventline_stream_open / eventline_stream_max_connections})
 * and {@code eventline_stream_tail_lag_records} (records the live tail is behind the log's end; live
 * deliveries wait on it). Registered at start-up; the gauges read their sources when scraped.
 */
@Context
public final class CapacityGauges {

    /** Registers both gauges. */
    public CapacityGauges(MeterRegistry registry, StreamSettings settings, StreamLog log) {
        Gauge.builder("eventline.stream.max.connections", settings, s -> s.getMaxConnectionsPerInstance())
                .description("Streams this instance accepts at most")
                .register(registry);
        Gauge.builder("eventline.stream.tail.lag.records", log, StreamLog::tailLagRecords)
                .description("Records the live tail is behind the log's end, over all partitions; -1 while unknown")
                .register(registry);
    }
}
