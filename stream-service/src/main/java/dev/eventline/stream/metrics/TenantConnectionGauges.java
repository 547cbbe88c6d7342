package dev.eventline.stream.metrics;

import dev.eventline.stream.subscription.ConnectionLimits;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.annotation.Scheduled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code eventline_stream_tenant_open{tenant}}: open streams of the {@value #TENANTS} tenants with the
 * most on this instance, and of all the others together under {@code tenant="(other)"}, so the
 * series stay at {@value #TENANTS} + 1 however many tenants connect. Refreshed every 15 s from the
 * connection limits' counts; scheduled on Micronaut's scheduler, never on a request.
 */
@Context
public final class TenantConnectionGauges {

    /** Tenants with a series of their own. */
    public static final int TENANTS = 20;

    /** The series of every other tenant. */
    public static final String OTHER = "(other)";

    private final ConnectionLimits limits;
    private final MultiGauge gauge;

    /** Registers the gauge, empty until the first refresh. */
    public TenantConnectionGauges(MeterRegistry registry, ConnectionLimits limits) {
        this.limits = limits;
        this.gauge = MultiGauge.builder("eventline.stream.tenant.open")
                .description("Open streams of the busiest tenants on this instance; the rest under (other)")
                .register(registry);
        refresh();
    }

    /** Replaces the rows with the current busiest tenants. */
    @Scheduled(fixedDelay = "15s", initialDelay = "15s")
    public void refresh() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (Map.Entry<String, Integer> tenant : limits.busiestTenants(TENANTS).entrySet()) {
            String name = tenant.getKey() == null ? OTHER : tenant.getKey();
            rows.add(MultiGauge.Row.of(Tags.of("tenant", name), tenant.getValue()));
        }
        gauge.register(rows, true);
    }
}
