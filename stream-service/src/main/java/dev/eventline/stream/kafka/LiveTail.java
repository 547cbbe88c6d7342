package dev.eventline.stream.kafka;

import dev.eventline.edge.tracing.Tracing;
import dev.eventline.stream.cursor.PartitionRef;
import dev.eventline.stream.subscription.LogEvent;
import io.opentelemetry.api.trace.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one consumer per instance that follows the head of every partition of every catalog topic,
 * decodes each record once into the partition's {@link RecentWindow}, and wakes the subscribers
 * watching that partition. It starts {@code windowEvents} back from the end, so resumes of recently
 * disconnected clients are answered from memory right after a restart.
 *
 * <p>Owns its thread and consumer; windows and watchers are safe to use from any thread.
 */
final class LiveTail implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveTail.class);
    /** How often windows are trimmed to what retention left in Kafka. */
    private static final Duration TRIM_INTERVAL = Duration.ofSeconds(10);

    private final KafkaConsumer<String, byte[]> consumer;
    private final EventDecoder decoder;
    private final DeliveryTracing tracing;
    private final Map<PartitionRef, Tailed> tailed = new ConcurrentHashMap<>();
    private final Map<PartitionRef, Set<Runnable>> watchers = new ConcurrentHashMap<>();
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final Thread thread;
    private final List<String> topics;
    private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();
    private final int windowEvents;
    private volatile boolean running = true;
    /** Records between the tail's position and the log's end, summed over partitions; -1 before it is known. */
    private volatile long lag = -1;

    private long nextTrim;

    LiveTail(Properties clientConfig, List<String> topics, EventDecoder decoder, int windowEvents, Tracing tracing) {
        this.tracing = new DeliveryTracing(tracing);
        Properties config = new Properties();
        config.putAll(clientConfig);
        // The tail never commits: subscribers' positions live in their cursors.
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // If retention ever overtakes the tail, it goes on from the oldest record instead of failing.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.topics = List.copyOf(topics);
        this.decoder = decoder;
        this.windowEvents = windowEvents;
        this.thread = new Thread(this::run, "stream-live-tail");
        thread.setDaemon(true);
    }

    /** Starts following in the background; {@link #ready()} turns true once every partition has its window. */
    void start() {
        thread.start();
    }

    /** Whether the tail has positioned itself on every partition. */
    boolean ready() {
        return positioned.getCount() == 0;
    }

    /** Waits up to {@code timeout} for {@link #ready()}. */
    boolean awaitReady(Duration timeout) {
        try {
            return positioned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Partitions of a tailed topic, or 0 when the topic does not exist in Kafka. */
    int partitionCount(String topic) {
        return partitionCounts.getOrDefault(topic, 0);
    }

    /** The partition's window, or null when the tail does not follow it. */
    RecentWindow window(PartitionRef partition) {
        Tailed partitionTail = tailed.get(partition);
        return partitionTail == null ? null : partitionTail.window();
    }

    /**
     * The partition as the tail follows it, or null when it does not. Once {@link #ready()}, the same
     * object for the tail's life: the tail positions each partition once, before it is ready.
     */
    Tailed tailed(PartitionRef partition) {
        return tailed.get(partition);
    }

    void watch(PartitionRef partition, Runnable onAppend) {
        watchers.computeIfAbsent(partition, p -> new CopyOnWriteArraySet<>()).add(onAppend);
    }

    void unwatch(PartitionRef partition, Runnable onAppend) {
        Set<Runnable> set = watchers.get(partition);
        if (set != null) {
            set.remove(onAppend);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try (consumer) {
            while (running && !ready()) {
                try {
                    position();
                } catch (KafkaException e) {
                    LOG.warn("live tail cannot position yet: {}", e.toString());
                    sleep();
                }
            }
            while (running) {
                try {
                    poll();
                } catch (WakeupException e) {
                    return;
                } catch (KafkaException e) {
                    // Broker trouble: the consumer reconnects by itself; keep polling.
                    LOG.warn("live tail: {}", e.toString());
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("live tail stopped", e);
        }
    }

    private void position() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos.isEmpty()) {
                LOG.warn("topic {} does not exist; subscriptions to it are refused until a restart", topic);
            }
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            partitionCounts.put(topic, infos.size());
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(60));
        Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, Duration.ofSeconds(60));
        for (TopicPartition tp : partitions) {
            long start = Math.max(begins.get(tp), ends.get(tp) - windowEvents);
            consumer.seek(tp, start);
            PartitionRef ref = new PartitionRef(tp.topic(), tp.partition());
            tailed.put(ref, new Tailed(new RecentWindow(windowEvents, start), ends.get(tp)));
        }
        positioned.countDown();
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void trimToRetention() {
        if (System.nanoTime() < nextTrim) {
            return;
        }
        nextTrim = System.nanoTime() + TRIM_INTERVAL.toNanos();
        List<TopicPartition> assigned = List.copyOf(consumer.assignment());
        consumer.beginningOffsets(assigned, Duration.ofSeconds(5)).forEach((tp, start) -> {
            RecentWindow window = window(new PartitionRef(tp.topic(), tp.partition()));
            if (window != null) {
                window.trimBelow(start);
            }
        });
    }

    private void poll() {
        trimToRetention();
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        for (TopicPartition tp : records.partitions()) {
            PartitionRef ref = new PartitionRef(tp.topic(), tp.partition());
            RecentWindow window = window(ref);
            List<ConsumerRecord<String, byte[]>> batch = records.records(tp);
            List<LogEvent> decoded = new ArrayList<>(batch.size());
            for (ConsumerRecord<String, byte[]> record : batch) {
                decoded.add(decoder.decode(record));
            }
            Span[] spans = tracing.start(batch, decoded);
            for (int i = 0; i < batch.size(); i++) {
                window.append(decoded.get(i), batch.get(i).offset() + 1);
            }
            // Transaction markers and compacted gaps occupy offsets without records.
            window.append(null, Math.max(window.end(), consumer.position(tp)));
            Set<Runnable> set = watchers.get(ref);
            if (set != null) {
                set.forEach(Runnable::run);
            }
            DeliveryTracing.end(spans, set == null ? 0 : set.size());
        }
        lag = measureLag();
    }

    /** From the consumer's last fetch metadata: no request to the brokers. */
    private long measureLag() {
        long total = 0;
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong partitionLag = consumer.currentLag(tp);
            if (partitionLag.isEmpty()) {
                return lag;
            }
            total += partitionLag.getAsLong();
        }
        return total;
    }

    /** Records the tail is behind the log's end (summed over partitions), as of its last poll; -1 before. */
    long lag() {
        return lag;
    }

    /** A followed partition: its window, and its end offset when the tail positioned itself. */
    record Tailed(RecentWindow window, long initialEnd) {

        /** The end offset when the tail started, or what it has seen since, whichever is later. */
        long liveEnd() {
            return Math.max(window.end(), initialEnd);
        }
    }
}
