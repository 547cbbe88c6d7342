package dev.eventline.stream.snapshot.kafka;

import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.catalog.RecordFold;
import dev.eventline.schemas.catalog.TopicSpec;
import dev.eventline.stream.cursor.PartitionRef;
import dev.eventline.stream.kafka.EventDecoder;
import dev.eventline.stream.metrics.StreamMetrics;
import dev.eventline.stream.snapshot.SnapshotInstance;
import dev.eventline.stream.snapshot.SnapshotStore;
import dev.eventline.stream.snapshot.SnapshotUnavailableException;
import dev.eventline.stream.subscription.LogEvent;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SnapshotStore} on Kafka Streams: runs the {@link SnapshotTopology} (started with the
 * application, so the state is materialized before the first query) and answers scans from its
 * stores through interactive queries.
 *
 * <p>Every instance is its own Streams application ({@code eventline-snapshot-<instance-id>}) and
 * reads every partition: a full copy per instance, so any instance answers any snapshot and
 * instances share nothing but Kafka. Thread-safe; scans run on the caller's thread.
 */
@Context
@Singleton
@Requires(property = "eventline.snapshot.enabled", notEquals = "false")
public final class KafkaSnapshotStore implements SnapshotStore {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSnapshotStore.class);
    static final String APPLICATION_PREFIX = "eventline-snapshot-";

    /** The Streams application id, and consumer group, of snapshot instance {@code instanceId}. */
    static String applicationId(String instanceId) {
        return APPLICATION_PREFIX + instanceId;
    }

    private final KafkaStreams streams;
    private final RestoreProgress restores;

    /** Builds and starts the Streams application. */
    public KafkaSnapshotStore(
            KafkaDefaultConfiguration kafka,
            EventSchemas schemas,
            SnapshotInstance instance,
            StreamMetrics metrics,
            EventDecoder decoder) {
        List<String> topics =
                schemas.catalog().topics().stream().map(TopicSpec::name).toList();
        Properties config = new Properties();
        config.putAll(kafka.getConfig());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId(instance.id()));
        config.put(StreamsConfig.STATE_DIR_CONFIG, instance.stateDir().toString());
        // A new instance materializes everything the topics retain, not only what arrives after it starts.
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // One thread is plenty for a key-value update per event; the machine's cores serve the streams.
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        // Every store shares one RocksDB memory budget instead of taking its own (BoundedRocksDb).
        config.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class);
        this.restores = new RestoreProgress(metrics);
        this.streams =
                new KafkaStreams(SnapshotTopology.build(topics, decoder, RecordFold.of(schemas.catalog())), config);
        streams.setGlobalStateRestoreListener(restores);
        streams.setUncaughtExceptionHandler(error -> {
            LOG.error("snapshot stream thread failed; replacing it", error);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
    }

    @Override
    public boolean ready() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    @Override
    public Progress progress() {
        return new Progress(ready(), restores.restored(), restores.toRestore());
    }

    @Override
    public Scan scan(String tenant, List<String> scanned) {
        return scan(scanned, (store, records) -> {
            try (KeyValueIterator<String, byte[]> it =
                    store.prefixScan(StoredEvents.tenantPrefix(tenant), new StringSerializer())) {
                while (it.hasNext()) {
                    records.add(it.next().value);
                }
            }
        });
    }

    @Override
    public Scan scan(String tenant, List<String> scanned, Set<String> groups) {
        return scan(scanned, (store, records) -> {
            // A record addressed to two of the groups is read once.
            Set<String> ids = new LinkedHashSet<>();
            for (String group : groups) {
                try (KeyValueIterator<String, byte[]> it =
                        store.prefixScan(StoredEvents.groupPrefix(tenant, group), new StringSerializer())) {
                    while (it.hasNext()) {
                        ids.add(StoredEvents.recordOf(it.next().key));
                    }
                }
            }
            ids.forEach(id -> records.add(store.get(StoredEvents.key(tenant, id))));
        });
    }

    /** How one topic's store yields the stored values a scan returns (null values are skipped). */
    private interface Reader {
        void read(ReadOnlyKeyValueStore<String, byte[]> store, List<byte[]> values);
    }

    private Scan scan(List<String> scanned, Reader reader) {
        List<LogEvent> records = new ArrayList<>();
        Map<PartitionRef, Long> before = new HashMap<>();
        Map<PartitionRef, Long> after = new HashMap<>();
        Set<PartitionRef> held = held(scanned);
        try {
            for (String topic : scanned) {
                ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters.fromNameAndType(
                        SnapshotTopology.storeName(topic), QueryableStoreTypes.keyValueStore()));
                positions(store, topic, before);
                List<byte[]> values = new ArrayList<>();
                reader.read(store, values);
                for (byte[] value : values) {
                    if (value != null) {
                        records.addAll(StoredEvents.decode(topic, value));
                    }
                }
                positions(store, topic, after);
            }
        } catch (InvalidStateStoreException e) {
            throw new SnapshotUnavailableException("the snapshot store is rebalancing or restoring", e);
        }
        return new Scan(records, before, after, held);
    }

    /**
     * The partitions of {@code topics} this instance's stream thread holds as active tasks: every one,
     * unless another instance runs under the same application id and the group split them.
     */
    private Set<PartitionRef> held(List<String> topics) {
        Set<PartitionRef> held = new HashSet<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                for (TopicPartition partition : task.topicPartitions()) {
                    if (topics.contains(partition.topic())) {
                        held.add(new PartitionRef(partition.topic(), partition.partition()));
                    }
                }
            }
        }
        return held;
    }

    private static void positions(
            ReadOnlyKeyValueStore<String, byte[]> store, String topic, Map<PartitionRef, Long> into) {
        try (KeyValueIterator<String, byte[]> it =
                store.prefixScan(StoredEvents.POSITION_PREFIX, new StringSerializer())) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> entry = it.next();
                into.put(
                        new PartitionRef(topic, StoredEvents.partitionOf(entry.key)),
                        StoredEvents.position(entry.value));
            }
        }
    }

    /** Stops the Streams application; its state stays in the changelog for the next start. */
    @PreDestroy
    public void close() {
        // Leave the group: a restarted instance (same application id) then gets its tasks at once
        // instead of waiting for this member's session to time out.
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(10)));
    }
}
