package dev.eventline.stream.snapshot;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * {@code /health/readiness} component {@code snapshots}: DOWN while the snapshot store restores, so
 * that a load balancer sends no traffic to an instance whose snapshots would answer 503. Liveness does
 * not include it: a restoring instance is alive. Progress is also public at {@code
 * /v1/snapshot/status}.
 */
@Singleton
@Readiness
@Requires(beans = SnapshotStore.class)
public final class SnapshotReadiness implements HealthIndicator {

    private final SnapshotStore store;

    /** Reports on the given store. */
    public SnapshotReadiness(SnapshotStore store) {
        this.store = store;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        SnapshotStore.Progress progress = store.progress();
        return Publishers.just(HealthResult.builder("snapshots", progress.ready() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of(
                        "restoredRecords", progress.restoredRecords(),
                        "recordsToRestore", progress.recordsToRestore(),
                        "percent", progress.percent()))
                .build());
    }
}
