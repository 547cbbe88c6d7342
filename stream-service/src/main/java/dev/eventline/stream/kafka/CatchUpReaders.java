package dev.eventline.stream.kafka;

import dev.eventline.stream.cursor.PartitionRef;
import dev.eventline.stream.subscription.LogEvent;
import dev.eventline.stream.subscription.ReadResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A bounded pool of Kafka consumers for subscribers reading positions older than the recent window
 * (reconnects after a long absence, {@code earliest}, {@code since}). However many subscribers catch
 * up at once, at most {@code readers} consumers exist; requests queue for them.
 *
 * <p>Errors sorted as the rest of the adapter does: an expired position repositions ({@link
 * ReadResult.Expired}), broker trouble is retried by the caller, anything else fails the read.
 */
final class CatchUpReaders implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final int POLLS_PER_READ = 4;

    private final ExecutorService pool;
    private final ThreadLocal<KafkaConsumer<String, byte[]>> consumers;
    private final List<KafkaConsumer<String, byte[]>> created = new ArrayList<>();
    private final EventDecoder decoder;

    CatchUpReaders(Properties clientConfig, EventDecoder decoder, int readers, int batch) {
        this.decoder = decoder;
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(readers, runnable -> {
            Thread thread = new Thread(runnable, "stream-catch-up-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Properties config = new Properties();
        config.putAll(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // An expired position must surface (as a reset event), never be skipped silently.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(batch));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumers = ThreadLocal.withInitial(() -> {
            KafkaConsumer<String, byte[]> consumer =
                    new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
            synchronized (created) {
                created.add(consumer);
            }
            return consumer;
        });
    }

    /** Reads up to {@code max} events of {@code partition} from {@code from}, below {@code until}. */
    CompletableFuture<ReadResult> read(PartitionRef partition, long from, long until, int max) {
        return CompletableFuture.supplyAsync(() -> readNow(partition, from, until, max), pool);
    }

    private ReadResult readNow(PartitionRef partition, long from, long until, int max) {
        KafkaConsumer<String, byte[]> consumer = consumers.get();
        TopicPartition tp = new TopicPartition(partition.topic(), partition.partition());
        consumer.assign(List.of(tp));
        consumer.seek(tp, from);
        List<LogEvent> events = new ArrayList<>();
        try {
            for (int i = 0; i < POLLS_PER_READ && events.isEmpty() && consumer.position(tp) < until; i++) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL).records(tp)) {
                    if (record.offset() >= until || events.size() == max) {
                        break;
                    }
                    LogEvent event = decoder.decode(record);
                    if (event != null) {
                        events.add(event);
                    }
                }
            }
        } catch (OffsetOutOfRangeException e) {
            return new ReadResult.Expired(consumer.beginningOffsets(List.of(tp)).get(tp));
        } catch (KafkaException e) {
            throw new IllegalStateException("catch-up read of " + partition + " failed: " + e, e);
        }
        long next = events.isEmpty()
                ? Math.min(Math.max(from, consumer.position(tp)), until)
                : events.get(events.size() - 1).offset() + 1;
        return new ReadResult.Events(events, next);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        synchronized (created) {
            created.forEach(consumer -> {
                try {
                    consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
                } catch (RuntimeException e) {
                    // closing anyway
                }
            });
        }
    }
}
