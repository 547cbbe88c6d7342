package dev.eventline.stream.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eventline.stream.config.StreamSettings;
import dev.eventline.stream.subscription.ConnectionLimits;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class TenantConnectionGaugesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ConnectionLimits limits = new ConnectionLimits(new StreamSettings());
    private final TenantConnectionGauges gauges = new TenantConnectionGauges(registry, limits);

    @Test
    void theBusiestTenantsGetASeriesEachAndTheRestOneTogether() {
        // 30 tenants: tenant-i holds i + 1 streams.
        for (int i = 0; i < 30; i++) {
            for (int s = 0; s <= i; s++) {
                limits.acquire("tenant-" + i, "user-" + s);
            }
        }

        gauges.refresh();

        assertEquals(
                TenantConnectionGauges.TENANTS + 1,
                registry.find("eventline.stream.tenant.open").gauges().size());
        assertEquals(30, open("tenant-29"));
        assertEquals(11, open("tenant-10"));
        // tenant-0 to tenant-9 hold 1 + 2 + ... + 10 streams.
        assertEquals(55, open(TenantConnectionGauges.OTHER));
    }

    @Test
    void tenantsWithoutStreamsLeaveTheirSeries() {
        limits.acquire("busy", "u");
        gauges.refresh();
        assertEquals(1, open("busy"));

        limits.release("busy", "u");
        gauges.refresh();

        assertEquals(1, registry.find("eventline.stream.tenant.open").gauges().size(), "only (other) is left");
        assertEquals(0, open(TenantConnectionGauges.OTHER));
    }

    private double open(String tenant) {
        Gauge gauge = registry.find("eventline.stream.tenant.open")
                .tag("tenant", tenant)
                .gauge();
        return gauge == null ? -1 : gauge.value();
    }
}
