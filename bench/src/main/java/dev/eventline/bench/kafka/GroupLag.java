package dev.eventline.bench.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group (a Kafka Streams application) has committed through topics: benchmark
 * set-up that must know a store has applied everything before it measures. Blocking.
 */
public final class GroupLag {

    private GroupLag() {}

    /**
     * Waits until {@code group} has committed the end of every partition of {@code topics}.
     *
     * @throws IllegalStateException when it has not within {@code timeout}
     */
    public static void awaitCaughtUp(String bootstrapServers, String group, List<String> topics, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            long lag;
            do {
                lag = lag(admin, group, topics);
                if (lag == 0) {
                    return;
                }
                Thread.sleep(1_000);
            } while (System.nanoTime() < deadline);
            throw new IllegalStateException(group + " still " + lag + " records behind after " + timeout);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer about " + group, e);
        }
    }

    private static long lag(Admin admin, String group, List<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<TopicPartition> partitions =
                admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                        .flatMap(description -> description.partitions().stream()
                                .map(p -> new TopicPartition(description.name(), p.partition())))
                        .toList();
        Map<TopicPartition, Long> ends = admin
                .listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all()
                .get(30, TimeUnit.SECONDS)
                .entrySet()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        long lag = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata at = committed.get(partition);
            lag += ends.get(partition) - (at == null ? 0 : at.offset());
        }
        return lag;
    }
}
