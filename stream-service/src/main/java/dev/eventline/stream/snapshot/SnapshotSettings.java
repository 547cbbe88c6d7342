package dev.eventline.stream.snapshot;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code eventline.snapshot.*}: the Kafka Streams state behind {@code GET /v1/snapshot}.
 *
 * <p>Every instance keeps a full copy (its own application id, all partitions; ADR 0012). Its id is
 * {@code instance-id} when set (a StatefulSet pod name, say), else one made once and kept in the state
 * directory ({@link SnapshotInstance}), so that a restart reopens or restores its store instead of
 * rebuilding it under a new id. Changelogs of instances gone for good are deleted ({@code
 * cleanup-interval}).
 */
@ConfigurationProperties("eventline.snapshot")
public class SnapshotSettings {

    /** Most log events a snapshot replays on top of a store scan before it answers 503 (store behind). */
    public static final int DEFAULT_MAX_CATCH_UP_EVENTS = 100_000;

    /**
     * How often an instance looks for changelogs of abandoned instances. An instance counts as
     * abandoned once Kafka dropped its consumer group (7 days after its last member left, the broker's
     * {@code offsets.retention.minutes}) and it is still absent one interval later.
     */
    public static final Duration DEFAULT_CLEANUP_INTERVAL = Duration.ofHours(1);

    private boolean enabled = true;
    private String instanceId;
    private Path stateDir;
    private int maxCatchUpEvents = DEFAULT_MAX_CATCH_UP_EVENTS;
    private Duration cleanupInterval = DEFAULT_CLEANUP_INTERVAL;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Part of the Kafka Streams application id; empty: made once and kept in the state directory. */
    public Optional<String> getInstanceId() {
        return Optional.ofNullable(instanceId).filter(id -> !id.isBlank());
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    /**
     * Where Kafka Streams keeps its local files and the instance its id; default: under the temp dir,
     * per configured instance id, else one directory (a second instance on the same machine then needs
     * a directory of its own).
     */
    public Path getStateDir() {
        if (stateDir != null) {
            return stateDir;
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"), "eventline-snapshot");
        return getInstanceId().map(tmp::resolve).orElse(tmp);
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

    public Duration getCleanupInterval() {
        return cleanupInterval;
    }

    public void setCleanupInterval(Duration cleanupInterval) {
        this.cleanupInterval = cleanupInterval;
    }
}
