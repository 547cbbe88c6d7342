package dev.eventline.stream.snapshot.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.stream.snapshot.SnapshotInstance;
import dev.eventline.stream.support.StreamHarness;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On the real broker: the changelogs of a snapshot instance without a consumer group go at the second
 * sweep; the running instance's own stay.
 */
@ExtendWith(KafkaBrokerExtension.class)
class AbandonedChangelogsIT {

    @Test
    void changelogsOfAGoneInstanceAreDeletedAndTheLiveOnesKept(TestKafka kafka) throws Exception {
        String gone = "eventline-snapshot-gone-" + UUID.randomUUID().toString().substring(0, 8);
        String goneChangelog = gone + "-latest-assignments-changelog";
        kafka.createNamedTopic(goneChangelog, 1);
        try (StreamHarness stream = new StreamHarness(kafka, Map.of())) {
            AbandonedChangelogs sweeper = stream.bean(AbandonedChangelogs.class);
            String own = KafkaSnapshotStore.applicationId(
                            stream.bean(SnapshotInstance.class).id())
                    + "-latest-assignments-changelog";

            assertEquals(Set.of(), sweeper.sweep(), "a suspect at the first sweep, not yet deleted");
            Set<String> deleted = sweeper.sweep();

            assertTrue(deleted.contains(goneChangelog), deleted.toString());
            assertTrue(deleted.stream().noneMatch(own::equals), "its own changelog stays: " + deleted);
        }
    }
}
