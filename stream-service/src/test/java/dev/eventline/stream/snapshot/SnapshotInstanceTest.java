package dev.eventline.stream.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.exceptions.ConfigurationException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot instance's identity: stable across restarts with its disk, never shared by two processes. */
class SnapshotInstanceTest {

    @TempDir
    Path dir;

    private SnapshotSettings settings(Path stateDir, String instanceId) {
        SnapshotSettings settings = new SnapshotSettings();
        settings.setStateDir(stateDir);
        settings.setInstanceId(instanceId);
        return settings;
    }

    @Test
    void aConfiguredIdIsTaken() throws Exception {
        try (SnapshotInstance instance = new SnapshotInstance(settings(dir, "stream-0"))) {
            assertEquals("stream-0", instance.id());
        }
    }

    @Test
    void withoutOneAnIdIsMadeOnceAndKeptWithTheStateDirectory() throws Exception {
        String made;
        try (SnapshotInstance instance = new SnapshotInstance(settings(dir.resolve("a"), null))) {
            made = instance.id();
            assertTrue(made.matches("[A-Za-z0-9._-]+-[0-9a-f]{8}"), made);
        }
        try (SnapshotInstance restarted = new SnapshotInstance(settings(dir.resolve("a"), null))) {
            assertEquals(made, restarted.id(), "a restart with its disk keeps its id");
        }
        try (SnapshotInstance elsewhere = new SnapshotInstance(settings(dir.resolve("b"), null))) {
            assertNotEquals(made, elsewhere.id(), "a new disk is a new instance");
        }
    }

    @Test
    void aSecondInstanceOnTheSameStateDirectoryRefusesToStart() throws Exception {
        try (SnapshotInstance first = new SnapshotInstance(settings(dir, null))) {
            ConfigurationException refused =
                    assertThrows(ConfigurationException.class, () -> new SnapshotInstance(settings(dir, null)));
            assertTrue(refused.getMessage().contains("in use by another process"), refused.getMessage());
        }
        try (SnapshotInstance afterwards = new SnapshotInstance(settings(dir, null))) {
            assertTrue(afterwards
                    .id()
                    .endsWith(afterwards.id().substring(afterwards.id().length() - 8)));
        }
    }

    @Test
    void anIdThatCannotNameATopicIsRefused() {
        assertThrows(ConfigurationException.class, () -> new SnapshotInstance(settings(dir, "pod 1/2")));
    }
}
