package dev.eventline.stream.snapshot.kafka;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which snapshot instances are gone for good, and so which changelog topics to delete (ADR 0012). Pure
 * rule, no Kafka calls: the adapter lists topics and groups, this decides.
 *
 * <p>A snapshot instance's changelogs are named {@code <application id>-latest-<topic>-changelog}, its
 * application id is also its consumer group. Kafka keeps a group while it has members or committed
 * offsets, and drops an empty one when its offsets expire ({@code offsets.retention.minutes}, 7 days
 * by default). An application id whose changelogs exist with no group is a suspect; still a suspect at
 * the next sweep (an interval later), it is abandoned. The second look keeps a starting instance, whose
 * group may not be listed yet, from losing its changelogs; this instance's own are never deleted.
 *
 * <p>Immutable; each sweep returns the suspects to pass to the next.
 */
final class ChangelogSweep {

    private static final String SUFFIX = "-changelog";

    private final String ownApplicationId;
    private final List<String> catalogTopics;

    ChangelogSweep(String ownApplicationId, List<String> catalogTopics) {
        this.ownApplicationId = ownApplicationId;
        this.catalogTopics = List.copyOf(catalogTopics);
    }

    /**
     * One sweep's decision.
     *
     * @param delete the changelog topics of abandoned instances
     * @param suspects application ids without a group this time, to look at again next time
     */
    record Decision(Set<String> delete, Set<String> suspects) {}

    /**
     * Decides on the cluster's topics and groups as listed now.
     *
     * @param topics every topic name in the cluster
     * @param groups every group id in the cluster
     * @param suspects what the previous sweep returned (empty at the first)
     */
    Decision sweep(Set<String> topics, Set<String> groups, Set<String> suspects) {
        Map<String, Set<String>> changelogsByApplication = new HashMap<>();
        for (String topic : topics) {
            applicationOf(topic).ifPresent(app -> changelogsByApplication
                    .computeIfAbsent(app, any -> new HashSet<>())
                    .add(topic));
        }
        Set<String> delete = new HashSet<>();
        Set<String> nextSuspects = new HashSet<>();
        changelogsByApplication.forEach((application, changelogs) -> {
            if (application.equals(ownApplicationId) || groups.contains(application)) {
                return;
            }
            if (suspects.contains(application)) {
                delete.addAll(changelogs);
            } else {
                nextSuspects.add(application);
            }
        });
        return new Decision(Set.copyOf(delete), Set.copyOf(nextSuspects));
    }

    /** The snapshot application id a topic is a changelog of, if it is one. */
    Optional<String> applicationOf(String topic) {
        if (!topic.startsWith(KafkaSnapshotStore.APPLICATION_PREFIX) || !topic.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        for (String catalogTopic : catalogTopics) {
            String storePart = "-" + SnapshotTopology.storeName(catalogTopic) + SUFFIX;
            if (topic.endsWith(storePart)) {
                String application = topic.substring(0, topic.length() - storePart.length());
                return application.length() > KafkaSnapshotStore.APPLICATION_PREFIX.length()
                        ? Optional.of(application)
                        : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
