package dev.eventline.stream.http;

import dev.eventline.stream.snapshot.SnapshotStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code GET /v1/snapshot/status}: whether this instance serves snapshots yet (200) or is still
 * restoring its store (503 with {@code Retry-After}), with the restore's progress. No token needed: it
 * names no tenant and no record. The local stack polls it to show the restore; operators may too.
 */
@Controller("/v1/snapshot/status")
@Secured(SecurityRule.IS_ANONYMOUS)
@Requires(beans = SnapshotStore.class)
public final class SnapshotStatusController {

    /** What a client waiting for the restore should wait between polls. */
    static final int RETRY_AFTER_SECONDS = 2;

    private final SnapshotStore store;

    /** Reports on the given store. */
    public SnapshotStatusController(SnapshotStore store) {
        this.store = store;
    }

    /**
     * The answer.
     *
     * @param ready whether snapshots are served
     * @param restoredRecords changelog records restored since the instance started
     * @param recordsToRestore changelog records to restore in all, as far as known
     * @param percent the restored share
     */
    @Serdeable
    public record Status(boolean ready, long restoredRecords, long recordsToRestore, int percent) {}

    /** The store's readiness and restore progress. */
    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Status> status() {
        SnapshotStore.Progress progress = store.progress();
        Status body = new Status(
                progress.ready(), progress.restoredRecords(), progress.recordsToRestore(), progress.percent());
        return progress.ready()
                ? HttpResponse.ok(body)
                : HttpResponse.<Status>status(HttpStatus.SERVICE_UNAVAILABLE)
                        .header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS))
                        .body(body);
    }
}
