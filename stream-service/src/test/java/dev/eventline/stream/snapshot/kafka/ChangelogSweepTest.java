package dev.eventline.stream.snapshot.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which snapshot changelogs are abandoned: only those without a group at two sweeps in a row. */
class ChangelogSweepTest {

    private static final String SELF = "eventline-snapshot-stream-0";
    private final ChangelogSweep rule = new ChangelogSweep(SELF, List.of("assignments", "files"));

    private static Set<String> changelogs(String application) {
        return Set.of(application + "-latest-assignments-changelog", application + "-latest-files-changelog");
    }

    @Test
    void anInstanceWithoutAGroupIsDeletedOnlyAtTheSecondSweep() {
        Set<String> topics = changelogs("eventline-snapshot-old-pod-1a2b3c4d");

        ChangelogSweep.Decision first = rule.sweep(topics, Set.of(), Set.of());
        assertEquals(Set.of(), first.delete(), "a starting instance's group may not be listed yet");
        assertEquals(Set.of("eventline-snapshot-old-pod-1a2b3c4d"), first.suspects());

        ChangelogSweep.Decision second = rule.sweep(topics, Set.of(), first.suspects());
        assertEquals(topics, second.delete());
    }

    @Test
    void anInstanceWhoseGroupReappearedIsKept() {
        Set<String> topics = changelogs("eventline-snapshot-stream-1");
        ChangelogSweep.Decision first = rule.sweep(topics, Set.of(), Set.of());

        ChangelogSweep.Decision second = rule.sweep(topics, Set.of("eventline-snapshot-stream-1"), first.suspects());

        assertEquals(Set.of(), second.delete());
        assertEquals(Set.of(), second.suspects());
    }

    @Test
    void ownChangelogsAndOtherTopicsAreNeverTouched() {
        Set<String> topics = Set.of(
                SELF + "-latest-assignments-changelog",
                "assignments",
                "eventline.emitter.idempotency",
                "other-app-latest-assignments-changelog",
                "eventline-snapshot-x-latest-unknown-changelog");
        ChangelogSweep.Decision first = rule.sweep(topics, Set.of(), Set.of());
        ChangelogSweep.Decision second = rule.sweep(topics, Set.of(), first.suspects());

        assertEquals(Set.of(), second.delete());
    }

    @Test
    void instanceIdsMayThemselvesContainDashesAndTheWordLatest() {
        assertEquals(
                Optional.of("eventline-snapshot-pod-latest-7"),
                rule.applicationOf("eventline-snapshot-pod-latest-7-latest-files-changelog"));
        assertEquals(Optional.empty(), rule.applicationOf("eventline-snapshot--latest-files-changelog"));
    }
}
