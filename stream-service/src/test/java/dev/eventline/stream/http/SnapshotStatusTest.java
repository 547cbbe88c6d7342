package dev.eventline.stream.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eventline.stream.snapshot.InMemorySnapshotStore;
import dev.eventline.stream.snapshot.SnapshotReadiness;
import dev.eventline.stream.snapshot.SnapshotStore;
import io.micronaut.health.HealthStatus;
import io.micronaut.http.HttpResponse;
import io.micronaut.management.health.indicator.HealthResult;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class SnapshotStatusTest {

    private final InMemorySnapshotStore store = new InMemorySnapshotStore();
    private final SnapshotStatusController status = new SnapshotStatusController(store);
    private final SnapshotReadiness readiness = new SnapshotReadiness(store);

    @Test
    void aRestoringStoreIsUnreadyWithItsProgressThenReadyOnceRestored() {
        store.progress(new SnapshotStore.Progress(false, 0, 0));
        HttpResponse<SnapshotStatusController.Status> starting = status.status();
        assertEquals(503, starting.code());
        assertEquals("2", starting.getHeaders().get("Retry-After"));
        assertEquals(HealthStatus.DOWN, health().getStatus());

        store.progress(new SnapshotStore.Progress(false, 250_000, 1_000_000));
        HttpResponse<SnapshotStatusController.Status> restoring = status.status();
        assertEquals(503, restoring.code());
        assertEquals(new SnapshotStatusController.Status(false, 250_000, 1_000_000, 25), restoring.body());
        assertEquals(25, ((Map<?, ?>) health().getDetails()).get("percent"));

        store.progress(new SnapshotStore.Progress(true, 1_000_000, 1_000_000));
        HttpResponse<SnapshotStatusController.Status> ready = status.status();
        assertEquals(200, ready.code());
        assertEquals(new SnapshotStatusController.Status(true, 1_000_000, 1_000_000, 100), ready.body());
        assertEquals(HealthStatus.UP, health().getStatus());
    }

    @Test
    void aReadyStoreOrOneWithNothingToRestoreIsAtAHundredPercentAndOnlyThen() {
        assertEquals(100, new SnapshotStore.Progress(false, 0, 0).percent());
        assertEquals(99, new SnapshotStore.Progress(false, 1_000, 1_000).percent(), "not ready: not done");
        assertEquals(100, new SnapshotStore.Progress(true, 990, 1_000).percent(), "offsets count markers too");
    }

    private HealthResult health() {
        return Mono.from(readiness.getResult()).block();
    }
}
