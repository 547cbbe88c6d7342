package dev.eventline.emitter.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.emitter.config.EmitterSettings;
import dev.eventline.emitter.idempotency.IdempotencyStore;
import dev.eventline.emitter.idempotency.StoredReceipt;
import dev.eventline.emitter.ingest.Receipt;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link IdempotencyStore} on a compacted Kafka topic ({@code eventline.emitter.idempotency-topic}):
 * one record per key, value = the receipt as JSON. Every instance loads the whole topic at start-up
 * and keeps tailing it, so keys survive restarts and become visible to every instance.
 *
 * <p>Across instances the guarantee has a window: two instances that receive the same new key within
 * the replication delay (milliseconds) may both write. Within one instance it is exact.
 *
 * <p>One background thread owns the consumer; the key map is concurrent. Memory: one entry per key
 * emitted within the retention period.
 */
@Context
public final class KafkaIdempotencyStore implements IdempotencyStore {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaIdempotencyStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 6;
    private static final int WRITER_QUEUE = 10_000;

    private final Producer<String, byte[]> producer;
    private final EmitterSettings settings;
    private final Properties clientConfig;
    private final Map<String, Entry> keys = new ConcurrentHashMap<>();
    private final Thread tail;
    private final ExecutorService writer =
            new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(WRITER_QUEUE), runnable -> {
                Thread thread = new Thread(runnable, "idempotency-writer");
                thread.setDaemon(true);
                return thread;
            });
    private volatile boolean ready;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;

    private record Entry(StoredReceipt receipt, long writtenAtMillis) {}

    /** Starts loading the keys in the background; {@link #ready()} turns true once done. */
    public KafkaIdempotencyStore(
            @KafkaClient(KafkaEventLog.CLIENT_ID) Producer<String, byte[]> producer,
            EmitterSettings settings,
            KafkaDefaultConfiguration kafka) {
        this.producer = producer;
        this.settings = settings;
        this.clientConfig = kafka.getConfig();
        this.tail = new Thread(this::run, "idempotency-keys");
        tail.setDaemon(true);
        tail.start();
    }

    @Override
    public boolean ready() {
        return ready;
    }

    @Override
    public Optional<StoredReceipt> find(String scopedKey) {
        Entry entry = keys.get(scopedKey);
        if (entry == null || expired(entry, System.currentTimeMillis())) {
            return Optional.empty();
        }
        return Optional.of(entry.receipt());
    }

    @Override
    public void remember(String scopedKey, StoredReceipt receipt) {
        long now = System.currentTimeMillis();
        keys.put(scopedKey, new Entry(receipt, now));
        producer.send(
                new ProducerRecord<>(settings.getIdempotencyTopic(), null, now, scopedKey, encode(receipt)),
                (metadata, error) -> {
                    if (error != null) {
                        // The event itself is durable; only a retry after a restart could now duplicate it.
                        LOG.warn("idempotency key not persisted: {}", error.toString());
                    }
                });
    }

    /** Stops the background consumer. */
    @PreDestroy
    public void close() {
        running = false;
        writer.shutdown();
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            tail.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            try {
                ensureTopic();
                consume();
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("idempotency keys: {}; retrying", e.toString());
                sleep(Duration.ofSeconds(2));
            }
        }
    }

    private void consume() {
        Properties config = new Properties();
        config.putAll(clientConfig);
        // Positions are ours (we always read the whole topic); no group, nothing committed.
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            String topic = settings.getIdempotencyTopic();
            Set<TopicPartition> partitions = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .collect(Collectors.toSet());
            if (partitions.isEmpty()) {
                // A topic created a moment ago may not be in this client's metadata yet.
                throw new IllegalStateException(topic + " has no partitions yet");
            }
            // Fetches the producer's metadata now, so the first remember() never waits for it.
            producer.partitionsFor(topic);
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> loadedAt = c.endOffsets(partitions, Duration.ofSeconds(30));
            long lastPurge = System.currentTimeMillis();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
                    StoredReceipt receipt = decode(record.value());
                    if (receipt != null) {
                        keys.putIfAbsent(record.key(), new Entry(receipt, record.timestamp()));
                    }
                }
                if (!ready && partitions.stream().allMatch(p -> c.position(p) >= loadedAt.get(p))) {
                    ready = true;
                    LOG.info("idempotency keys loaded: {}", keys.size());
                }
                long now = System.currentTimeMillis();
                if (now - lastPurge > 60_000) {
                    keys.values().removeIf(entry -> expired(entry, now));
                    lastPurge = now;
                }
            }
        } finally {
            consumer = null;
        }
    }

    private void ensureTopic() {
        Properties config = new Properties();
        config.putAll(clientConfig);
        try (Admin admin = Admin.create(config)) {
            if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(settings.getIdempotencyTopic())) {
                return;
            }
            short replicas = (short) Math.min(
                    3, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
            NewTopic topic = new NewTopic(settings.getIdempotencyTopic(), PARTITIONS, replicas)
                    .configs(Map.of(
                            // One record per key is enough; compaction keeps the latest.
                            TopicConfig.CLEANUP_POLICY_CONFIG,
                            "compact,delete",
                            // Keys older than the idempotency window are no longer needed.
                            TopicConfig.RETENTION_MS_CONFIG,
                            String.valueOf(settings.getIdempotencyRetention().toMillis())));
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + settings.getIdempotencyTopic(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer while checking the idempotency topic", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private boolean expired(Entry entry, long now) {
        return now - entry.writtenAtMillis()
                > settings.getIdempotencyRetention().toMillis();
    }

    private static byte[] encode(StoredReceipt stored) {
        ObjectNode node = JSON.createObjectNode()
                .put("eventId", stored.eventId().toString())
                .put("type", stored.type())
                .put("topic", stored.receipt().topic())
                .put("partition", stored.receipt().partition())
                .put("offset", stored.receipt().offset())
                .put("timestamp", stored.receipt().timestamp().toEpochMilli())
                .put("fingerprint", stored.fingerprint());
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static StoredReceipt decode(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(value);
            return new StoredReceipt(
                    UUID.fromString(node.get("eventId").asText()),
                    node.get("type").asText(),
                    new Receipt(
                            node.get("topic").asText(),
                            node.get("partition").asInt(),
                            node.get("offset").asLong(),
                            Instant.ofEpochMilli(node.get("timestamp").asLong())),
                    node.get("fingerprint").asText());
        } catch (IOException | RuntimeException e) {
            LOG.warn("skipping an unreadable idempotency record: {}", e.toString());
            return null;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
