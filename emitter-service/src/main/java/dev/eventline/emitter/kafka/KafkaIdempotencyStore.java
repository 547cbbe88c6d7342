package dev.eventline.emitter.kafka;

import dev.eventline.emitter.config.EmitterSettings;
import dev.eventline.emitter.idempotency.IdempotencyStore;
import dev.eventline.emitter.idempotency.KeyLedger;
import dev.eventline.emitter.idempotency.KeyRecord;
import dev.eventline.emitter.idempotency.KeyState;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link IdempotencyStore} on a compacted Kafka topic ({@code eventline.emitter.idempotency-topic}),
 * keyed by the tenant-scoped key, so every record of a key lands in one partition in log order. Every
 * instance reads the whole topic at start-up and keeps tailing it into a {@link KeyLedger}.
 *
 * <p>A claim is sent from the caller's thread and is decided when the tail has read it back: then
 * every earlier record of its key, from any instance, has been applied. A claim that lost writes the
 * winner's state again, so that compaction (which keeps a key's last record) keeps the winner's. Done
 * and released records are sent from a writer thread of their own, never from the producer's I/O
 * thread: a send there waits for metadata the I/O thread itself would have to fetch.
 *
 * <p>One background thread owns the consumer, one sends settle records. Memory: one entry per key
 * written within the retention period.
 */
@Context
public final class KafkaIdempotencyStore implements IdempotencyStore {

    /** The micronaut-kafka client id; its settings live under {@code kafka.producers.idempotency}. */
    public static final String CLIENT_ID = "idempotency";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaIdempotencyStore.class);
    private static final int WRITER_QUEUE = 10_000;
    // Past this a claim is answered "unavailable": the broker's request timeout (5 s) twice over.
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(10);
    private static final long PURGE_INTERVAL_MILLIS = 60_000;

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Properties clientConfig;
    private final KeyLedger ledger;
    private final Map<Integer, Long> readUpTo = new ConcurrentHashMap<>();
    private final Map<Position, Waiter> waiters = new ConcurrentHashMap<>();
    // Done records this instance sent and has not read back yet, so that a retry a moment later
    // already gets the receipt.
    private final Map<String, KeyRecord.Done> settledHere = new ConcurrentHashMap<>();
    private final Thread tail;
    private final ExecutorService writer =
            new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(WRITER_QUEUE), runnable -> {
                Thread thread = new Thread(runnable, "idempotency-writer");
                thread.setDaemon(true);
                return thread;
            });
    // Claims are answered here, never on the producer's I/O thread or the tail's: the caller goes on to
    // send the event, and a send on the I/O thread waits for metadata only that thread can fetch.
    private final ExecutorService decisions = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "idempotency-decisions");
        thread.setDaemon(true);
        return thread;
    });
    private final IdempotencyTopic topicSetup;
    private volatile boolean ready;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;

    private record Position(int partition, long offset) {}

    private record Waiter(String key, CompletableFuture<ClaimDecision> decided) {}

    /** Starts loading the keys in the background; {@link #ready()} turns true once done. */
    public KafkaIdempotencyStore(
            @KafkaClient(CLIENT_ID) Producer<String, byte[]> producer,
            EmitterSettings settings,
            KafkaDefaultConfiguration kafka) {
        this.producer = producer;
        this.topic = settings.getIdempotencyTopic();
        this.clientConfig = kafka.getConfig();
        this.ledger = new KeyLedger(settings.getIdempotencyRetention().toMillis());
        this.topicSetup = new IdempotencyTopic(clientConfig, topic, settings.getIdempotencyRetention());
        this.tail = new Thread(this::run, "idempotency-keys");
        tail.setDaemon(true);
        tail.start();
    }

    @Override
    public boolean ready() {
        return ready;
    }

    @Override
    public KeyState state(String scopedKey) {
        KeyState state = ledger.state(scopedKey, System.currentTimeMillis());
        KeyRecord.Done settled = state instanceof KeyState.Pending ? settledHere.get(scopedKey) : null;
        // This instance wrote the key's event; its done record is on its way back through the log.
        return settled != null
                        && settled.eventId()
                                .equals(((KeyState.Pending) state).claim().eventId())
                ? new KeyState.Done(settled.receipt())
                : state;
    }

    @Override
    public CompletionStage<ClaimDecision> claim(String scopedKey, KeyRecord.Claimed claim) {
        CompletableFuture<ClaimDecision> decided = new CompletableFuture<>();
        try {
            producer.send(record(scopedKey, claim), (metadata, error) -> {
                if (error != null) {
                    decisions.execute(() -> decided.completeExceptionally(error));
                    return;
                }
                Position at = new Position(metadata.partition(), metadata.offset());
                waiters.put(at, new Waiter(scopedKey, decided));
                if (readUpTo.getOrDefault(at.partition(), 0L) > at.offset()) {
                    decide(at);
                }
            });
        } catch (RuntimeException e) {
            decided.completeExceptionally(e);
        }
        return decided.orTimeout(CLAIM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((decision, error) -> {
                    if (error != null) {
                        waiters.values().removeIf(waiter -> waiter.decided() == decided);
                    }
                });
    }

    @Override
    public void settle(String scopedKey, KeyRecord record) {
        if (record instanceof KeyRecord.Done done) {
            settledHere.put(scopedKey, done);
        }
        try {
            writer.execute(() -> send(scopedKey, record));
        } catch (RejectedExecutionException e) {
            LOG.warn("idempotency record for {} not written (writer queue full); a retry resolves it", scopedKey);
        }
    }

    /** Stops the background consumer and writer. */
    @PreDestroy
    public void close() {
        running = false;
        writer.shutdown();
        decisions.shutdown();
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
            tail.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(String scopedKey, KeyRecord record) {
        try {
            producer.send(record(scopedKey, record), (metadata, error) -> {
                if (error != null) {
                    // The key stays pending; a retry after the settle time looks for the event instead.
                    LOG.warn("idempotency record for {} not written: {}", scopedKey, error.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("idempotency record for {} not written: {}", scopedKey, e.toString());
        }
    }

    private ProducerRecord<String, byte[]> record(String scopedKey, KeyRecord record) {
        return new ProducerRecord<>(topic, null, System.currentTimeMillis(), scopedKey, KeyRecordJson.encode(record));
    }

    /** Answers the claim read back at {@code at}, once. */
    private void decide(Position at) {
        Waiter waiter = waiters.remove(at);
        if (waiter == null) {
            return;
        }
        KeyState state = ledger.state(waiter.key(), System.currentTimeMillis());
        boolean won = state instanceof KeyState.Pending pending && pending.offset() == at.offset();
        if (!won) {
            reassert(waiter.key(), state);
        }
        ClaimDecision decision = new ClaimDecision(won, state);
        try {
            decisions.execute(() -> waiter.decided().complete(decision));
        } catch (RejectedExecutionException e) {
            waiter.decided().completeExceptionally(e);
        }
    }

    private void reassert(String scopedKey, KeyState state) {
        if (state instanceof KeyState.Pending pending) {
            settle(scopedKey, pending.claim());
        } else if (state instanceof KeyState.Done done) {
            settle(scopedKey, new KeyRecord.Done(done.receipt()));
        }
    }

    private void run() {
        while (running) {
            try {
                topicSetup.ensure();
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
            Set<TopicPartition> partitions = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .collect(Collectors.toSet());
            if (partitions.isEmpty()) {
                // A topic created a moment ago may not be in this client's metadata yet.
                throw new IllegalStateException(topic + " has no partitions yet");
            }
            // Fetches the producer's metadata now, so the first claim does not wait for it.
            producer.partitionsFor(topic);
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> loadedAt = c.endOffsets(partitions, Duration.ofSeconds(30));
            long lastPurge = System.currentTimeMillis();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
                if (!ready && partitions.stream().allMatch(p -> c.position(p) >= loadedAt.get(p))) {
                    ready = true;
                    LOG.info("idempotency keys loaded: {}", ledger.purge(System.currentTimeMillis()));
                }
                long now = System.currentTimeMillis();
                if (now - lastPurge > PURGE_INTERVAL_MILLIS) {
                    ledger.purge(now);
                    lastPurge = now;
                }
            }
        } finally {
            consumer = null;
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            KeyRecord keyRecord = KeyRecordJson.decode(record.value());
            if (keyRecord != null && record.key() != null) {
                ledger.apply(record.key(), keyRecord, record.offset(), record.timestamp());
                if (keyRecord instanceof KeyRecord.Done) {
                    settledHere.remove(record.key());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("skipping an unreadable idempotency record at {}: {}", record.offset(), e.toString());
        }
        readUpTo.put(record.partition(), record.offset() + 1);
        if (!waiters.isEmpty()) {
            decide(new Position(record.partition(), record.offset()));
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
