package dev.eventline.stream.kafka;

import dev.eventline.stream.auth.TicketRedemptions;
import dev.eventline.stream.auth.TicketSettings;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TicketRedemptions} on a one-partition Kafka topic every stream instance writes and tails
 * (ADR 0012). A redemption appends the ticket's id ({@code acks=all}) and waits until this instance's
 * tail has read up to its own record: the ticket is its to use when that record is the first of the
 * ticket's id in the log. Two instances redeeming one ticket at once both append, and both read the
 * same first record, so exactly one opens a stream.
 *
 * <p>The tail starts one ticket lifetime (plus a minute) back in time, so it knows every ticket still
 * able to open a stream; it forgets ids once their ticket has expired. One daemon thread owns the
 * consumer; redemptions block their caller (a blocking HTTP thread) for a produce and a fetch, a few
 * milliseconds, at most {@value #DECISION_TIMEOUT_SECONDS} s.
 */
@Context
public final class KafkaTicketRedemptions implements TicketRedemptions {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTicketRedemptions.class);
    // The producer's request timeout is 30 s by default: a browser waiting on a ticket gives up long
    // before that, and retries with a new ticket after a 503.
    private static final long DECISION_TIMEOUT_SECONDS = 5;
    private static final long FORGET_INTERVAL_MILLIS = 1000;

    private final String topic;
    private final Duration lookBack;
    private final Properties clientConfig = new Properties();
    private final KafkaProducer<String, byte[]> producer;
    private final TicketLog log;
    private final Map<String, FirstUse> firstUses = new ConcurrentHashMap<>();
    private final Object progress = new Object();
    private final Thread tail;
    private volatile long readUpTo = -1;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private long lastForgotten;

    /**
     * A ticket's first record in the log, kept until the ticket could no longer open a stream anyway.
     *
     * @param offset where its first redemption was written
     * @param forgetAtMillis one ticket lifetime (plus a minute) after that record
     */
    private record FirstUse(long offset, long forgetAtMillis) {}

    /** Starts tailing the topic (creating it when missing) in the background. */
    @Inject
    public KafkaTicketRedemptions(KafkaDefaultConfiguration kafka, TicketSettings settings) {
        this(kafka.getConfig(), settings);
    }

    /** The same on plain Kafka client settings (tests run two beside each other, as two instances). */
    KafkaTicketRedemptions(Properties kafkaConfig, TicketSettings settings) {
        this.topic = settings.getTopic();
        this.lookBack = settings.getLifetime().plusMinutes(1);
        clientConfig.putAll(kafkaConfig);
        clientConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Properties producerConfig = new Properties();
        producerConfig.putAll(clientConfig);
        // A redemption that is not on a majority of replicas could be lost with its leader, and the
        // ticket then used again.
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Each redemption waits for its own record: no batching delay.
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, TimeUnit.SECONDS.toMillis(DECISION_TIMEOUT_SECONDS));
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        this.log = new TicketLog(clientConfig, topic, lookBack);
        this.tail = new Thread(this::run, "ticket-redemptions");
        tail.setDaemon(true);
        tail.start();
    }

    @Override
    public Redemption redeem(String ticketId, Instant expiresAt) {
        // expiresAt is not needed here: an id is forgotten one ticket lifetime after its first record.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DECISION_TIMEOUT_SECONDS);
        RecordMetadata written;
        try {
            // The key says it all; the value stays empty.
            written = producer.send(new ProducerRecord<>(
                            topic, log.partition().partition(), System.currentTimeMillis(), ticketId, new byte[0]))
                    .get(DECISION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("cannot record a ticket's use: {}", e.toString());
            return Redemption.UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Redemption.UNAVAILABLE;
        }
        synchronized (progress) {
            while (readUpTo <= written.offset()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Redemption.UNAVAILABLE;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Redemption.UNAVAILABLE;
                }
            }
        }
        FirstUse first = firstUses.get(ticketId);
        return first != null && first.offset() == written.offset() ? Redemption.FIRST_USE : Redemption.USED_BEFORE;
    }

    /** Stops the tail and the producer. */
    @PreDestroy
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        producer.close(Duration.ofSeconds(5));
        try {
            tail.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = log.open()) {
                consumer = c;
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
                        apply(record);
                    }
                    advance(c.position(log.partition()));
                    forgetExpired();
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("used tickets: {}; retrying", e.toString());
                sleep();
            } finally {
                consumer = null;
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() != null) {
            firstUses.putIfAbsent(
                    record.key(), new FirstUse(record.offset(), record.timestamp() + lookBack.toMillis()));
        }
    }

    private void advance(long position) {
        if (position > readUpTo) {
            synchronized (progress) {
                readUpTo = position;
                progress.notifyAll();
            }
        }
    }

    /** Drops expired tickets, at most once a second: the tail polls far more often under load. */
    private void forgetExpired() {
        long now = System.currentTimeMillis();
        if (now - lastForgotten >= FORGET_INTERVAL_MILLIS) {
            firstUses.values().removeIf(first -> first.forgetAtMillis() < now);
            lastForgotten = now;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
