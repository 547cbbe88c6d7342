package dev.eventline.schemas.kafka;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The data-team example: reads platform topics from the beginning with plain kafka-clients and this
 * jar, printing one line per event (position, type, tenant, the event as JSON).
 *
 * <pre>
 * KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 \
 *   ./mvnw -q -pl schemas exec:java@read-events -Dexec.args="assignments submissions"
 * </pre>
 *
 * <p>It assigns partitions itself and commits nothing: reading never disturbs the platform or other
 * readers. It stops after {@code --max N} events or once {@code --idle PT5S} passes with none.
 */
public final class ReadEventsExample {

    private ReadEventsExample() {}

    /** Entry point: {@code [--max N] [--idle DURATION] topic...}. */
    public static void main(String[] args) {
        int max = Integer.MAX_VALUE;
        Duration idle = Duration.ofSeconds(5);
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--max" -> max = Integer.parseInt(args[++i]);
                case "--idle" -> idle = Duration.parse(args[++i]);
                default -> topics.add(args[i]);
            }
        }
        String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        read(bootstrap, topics, max, idle, System.out);
    }

    /**
     * Reads and prints; returns how many events were printed. Blocks until {@code max} events or
     * {@code idle} time without events.
     */
    public static int read(String bootstrap, List<String> topics, int max, Duration idle, PrintStream out) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                // Positions come from seekToBeginning below; no group, nothing committed.
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        try (KafkaConsumer<String, GenericRecord> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new EventDeserializer())) {
            Set<TopicPartition> partitions = topics.stream()
                    .flatMap(topic -> consumer.partitionsFor(topic).stream()
                            .map(info -> new TopicPartition(topic, info.partition())))
                    .collect(Collectors.toSet());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            int printed = 0;
            long idleUntil = System.nanoTime() + idle.toNanos();
            while (printed < max && System.nanoTime() < idleUntil) {
                for (ConsumerRecord<String, GenericRecord> record : consumer.poll(Duration.ofMillis(250))) {
                    GenericRecord envelope = (GenericRecord) record.value().get("envelope");
                    out.printf(
                            "%s-%d@%d %s tenant=%s %s%n",
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            envelope.get("type"),
                            envelope.get("tenantId"),
                            record.value());
                    idleUntil = System.nanoTime() + idle.toNanos();
                    if (++printed >= max) {
                        break;
                    }
                }
            }
            return printed;
        }
    }
}
