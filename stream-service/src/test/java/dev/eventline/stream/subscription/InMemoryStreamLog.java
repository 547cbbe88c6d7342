package dev.eventline.stream.subscription;

import dev.eventline.schemas.kafka.KafkaEventRecords;
import dev.eventline.stream.cursor.PartitionRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * {@link StreamLog} in memory, as Kafka's {@code MockConsumer} is for a consumer: topics with a fixed
 * number of partitions, offsets assigned on {@link #append}, retention moved by {@link #expireBelow},
 * watchers called on the appending thread. Reads answer at once. Thread-safe (one lock).
 */
public final class InMemoryStreamLog implements StreamLog {

    private final Map<String, Integer> partitionCounts;
    private final Map<PartitionRef, List<LogEvent>> events = new ConcurrentHashMap<>();
    private final Map<PartitionRef, Long> earliest = new ConcurrentHashMap<>();
    private final Map<PartitionRef, Set<Runnable>> watchers = new ConcurrentHashMap<>();

    /** A log of {@code partitionCounts} (topic to partitions); topics not named do not exist. */
    public InMemoryStreamLog(Map<String, Integer> partitionCounts) {
        this.partitionCounts = Map.copyOf(partitionCounts);
    }

    /** Appends an event to {@code partition} at its live end and wakes its watchers; returns it. */
    public LogEvent append(
            PartitionRef partition, String type, String tenant, String recordId, List<String> audience, long at) {
        LogEvent event;
        synchronized (this) {
            List<LogEvent> log = events.computeIfAbsent(partition, p -> new ArrayList<>());
            long offset = log.size();
            String json = "{\"type\":\"" + type + "\",\"recordId\":\"" + recordId + "\",\"offset\":" + offset + "}";
            event = new LogEvent(partition, offset, type, tenant.intern(), recordId, List.copyOf(audience), at, json);
            log.add(event);
        }
        watchers.getOrDefault(partition, Set.of()).forEach(Runnable::run);
        return event;
    }

    /** Retention: offsets below {@code offset} of {@code partition} are gone. */
    public void expireBelow(PartitionRef partition, long offset) {
        earliest.put(partition, offset);
    }

    /** Appends are visible at once: never behind. */
    @Override
    public long tailLagRecords() {
        return 0;
    }

    @Override
    public boolean awaitReady(Duration timeout) {
        return true;
    }

    @Override
    public int partitionCount(String topic) {
        return partitionCounts.getOrDefault(topic, 0);
    }

    @Override
    public int partitionOf(String topic, String key) {
        // The producer's own partitioner, as the Kafka adapter uses: a tenant's partition is the real one.
        return KafkaEventRecords.partitionOf(key, partitionCount(topic));
    }

    @Override
    public synchronized long liveEnd(PartitionRef partition) {
        return events.getOrDefault(partition, List.of()).size();
    }

    @Override
    public long earliest(PartitionRef partition) {
        return earliest.getOrDefault(partition, 0L);
    }

    @Override
    public synchronized long offsetAt(PartitionRef partition, long epochMillis) {
        for (LogEvent event : events.getOrDefault(partition, List.of())) {
            if (event.offset() >= earliest(partition) && event.emittedAt() >= epochMillis) {
                return event.offset();
            }
        }
        return liveEnd(partition);
    }

    @Override
    public synchronized CompletionStage<ReadResult> read(PartitionRef partition, long from, int max) {
        long oldest = earliest(partition);
        if (from < oldest) {
            return CompletableFuture.completedFuture(new ReadResult.Expired(oldest));
        }
        List<LogEvent> log = events.getOrDefault(partition, List.of());
        int end = (int) Math.min(log.size(), from + max);
        List<LogEvent> read = from >= end ? List.of() : List.copyOf(log.subList((int) from, end));
        return CompletableFuture.completedFuture(new ReadResult.Events(read, Math.max(from, end)));
    }

    @Override
    public void watch(PartitionRef partition, Runnable onAppend) {
        watchers.computeIfAbsent(partition, p -> new CopyOnWriteArraySet<>()).add(onAppend);
    }

    @Override
    public void unwatch(PartitionRef partition, Runnable onAppend) {
        watchers.getOrDefault(partition, Set.of()).remove(onAppend);
    }
}
