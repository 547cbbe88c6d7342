package dev.eventline.stream.snapshot;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.util.UUID;

/**
 * {@code eventline.snapshot.*}: the Kafka Streams state behind {@code GET /v1/snapshot}.
 *
 * <p>Every instance keeps a full copy (its own application id, all partitions). Give an instance a
 * stable {@code instance-id} (a StatefulSet pod name, say) so that a restart restores its store from
 * its changelog topics instead of rebuilding from the source topics under a new id.
 */
@ConfigurationProperties("eventline.snapshot")
public class SnapshotSettings {

    /** Most log events a snapshot replays on top of a store scan before it answers 503 (store behind). */
    public static final int DEFAULT_MAX_CATCH_UP_EVENTS = 100_000;

    private boolean enabled = true;
    private String instanceId = defaultInstanceId();
    private Path stateDir;
    private int maxCatchUpEvents = DEFAULT_MAX_CATCH_UP_EVENTS;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Part of the Kafka Streams application id; default: {@code HOSTNAME}, else random per start. */
    public String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    /** Where Kafka Streams keeps its local files; default: under the temp dir, per instance id. */
    public Path getStateDir() {
        return stateDir != null
                ? stateDir
                : Path.of(System.getProperty("java.io.tmpdir"), "eventline-snapshot", instanceId);
    }

    public void setStateDir(Path stateDir) {
        this.stateDir = stateDir;
    }

    public int getMaxCatchUpEvents() {
        return maxCatchUpEvents;
    }

    public void setMaxCatchUpEvents(int maxCatchUpEvents) {
        this.maxCatchUpEvents = maxCatchUpEvents;
    }

    private static String defaultInstanceId() {
        String host = System.getenv("HOSTNAME");
        return host != null && host.matches("[A-Za-z0-9._-]{1,100}")
                ? host
                : UUID.randomUUID().toString();
    }
}
