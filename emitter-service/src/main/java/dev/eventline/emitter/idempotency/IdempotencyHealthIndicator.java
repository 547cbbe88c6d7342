package dev.eventline.emitter.idempotency;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * {@code /health} component {@code idempotency}: DOWN until every stored key is loaded, so a load
 * balancer sends no traffic to an instance that could let a retry through twice.
 */
@Singleton
public final class IdempotencyHealthIndicator implements HealthIndicator {

    private final IdempotencyStore store;

    /** Reports on the given store. */
    public IdempotencyHealthIndicator(IdempotencyStore store) {
        this.store = store;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        boolean ready = store.ready();
        return Publishers.just(HealthResult.builder("idempotency", ready ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("keysLoaded", ready))
                .build());
    }
}
