package dev.eventline.stream.snapshot.kafka;

import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.catalog.TopicSpec;
import dev.eventline.stream.snapshot.SnapshotInstance;
import dev.eventline.stream.snapshot.SnapshotSettings;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the changelog topics of snapshot instances that are gone for good ({@link ChangelogSweep}):
 * without it every instance that never comes back (a pod replaced with its disk, a test run, a
 * developer's machine) leaves a full copy of the snapshot state in Kafka forever.
 *
 * <p>One daemon thread sweeps a minute after start-up and then every {@code
 * eventline.snapshot.cleanup-interval}; a sweep that fails (the cluster unreachable, no permission to
 * delete) is logged and tried again at the next. Needs Describe on groups and Delete on the topics
 * {@code eventline-snapshot-*}.
 */
@Context
@Requires(property = "eventline.snapshot.enabled", notEquals = "false")
public final class AbandonedChangelogs {

    private static final Logger LOG = LoggerFactory.getLogger(AbandonedChangelogs.class);
    // Out of the way of start-up, which restores the stores and warms up the services.
    private static final Duration FIRST_SWEEP = Duration.ofMinutes(1);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final Properties adminConfig = new Properties();
    private final ChangelogSweep rule;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "snapshot-changelog-sweep");
        thread.setDaemon(true);
        return thread;
    });
    private Set<String> suspects = Set.of();

    /** Schedules the sweeps. */
    public AbandonedChangelogs(
            KafkaDefaultConfiguration kafka,
            EventSchemas schemas,
            SnapshotInstance instance,
            SnapshotSettings settings) {
        adminConfig.putAll(kafka.getConfig());
        adminConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.rule = new ChangelogSweep(
                KafkaSnapshotStore.applicationId(instance.id()),
                schemas.catalog().topics().stream().map(TopicSpec::name).toList());
        long interval = settings.getCleanupInterval().toMillis();
        sweeper.scheduleWithFixedDelay(
                this::sweepQuietly, Math.min(FIRST_SWEEP.toMillis(), interval), interval, TimeUnit.MILLISECONDS);
    }

    /** Stops sweeping. */
    @PreDestroy
    public void close() {
        sweeper.shutdownNow();
    }

    /**
     * One sweep now: deletes what the rule calls abandoned, remembers the suspects.
     *
     * @return the topics deleted
     */
    Set<String> sweep() throws ExecutionException, InterruptedException, TimeoutException {
        try (Admin admin = Admin.create(adminConfig)) {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(false))
                    .names()
                    .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Set<String> groups = admin.listGroups().all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS).stream()
                    .map(GroupListing::groupId)
                    .collect(Collectors.toSet());
            ChangelogSweep.Decision decision = rule.sweep(topics, groups, suspects);
            suspects = decision.suspects();
            if (!decision.delete().isEmpty()) {
                try {
                    admin.deleteTopics(decision.delete()).all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    // Another instance's sweep deleted them first.
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw e;
                    }
                }
                LOG.info("deleted the changelogs of abandoned snapshot instances: {}", decision.delete());
            }
            return decision.delete();
        }
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("snapshot changelog sweep failed, trying again later: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
