package dev.eventline.stream.snapshot.kafka;

import dev.eventline.schemas.catalog.RecordFold;
import dev.eventline.stream.kafka.EventDecoder;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * One source, one {@link LatestPerRecord} and one store per catalog topic: {@code latest-<topic>},
 * persistent (RocksDB in the state directory, so a restart reopens it and restores only what its
 * checkpoint lacks; ADR 0007), caching off (a query sees every write at once), changelog on (a node
 * without local state restores the store from it). No repartitioning: a store's tasks are the source topic's partitions, so positions are
 * source offsets, the very offsets of stream cursors.
 */
final class SnapshotTopology {

    private SnapshotTopology() {}

    private static final String STORE_PREFIX = "latest-";

    static String storeName(String topic) {
        return STORE_PREFIX + topic;
    }

    static String topicOf(String storeName) {
        return storeName.substring(STORE_PREFIX.length());
    }

    static Topology build(List<String> topics, EventDecoder decoder, RecordFold fold) {
        Topology topology = new Topology();
        for (String topic : topics) {
            String source = "source-" + topic;
            String processor = "latest-per-record-" + topic;
            topology.addSource(
                    source, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), topic);
            topology.addProcessor(processor, () -> new LatestPerRecord(storeName(topic), decoder, fold), source);
            topology.addStateStore(
                    Stores.keyValueStoreBuilder(
                                    Stores.persistentKeyValueStore(storeName(topic)),
                                    Serdes.String(),
                                    Serdes.ByteArray())
                            .withCachingDisabled()
                            .withLoggingEnabled(Map.of()),
                    processor);
        }
        return topology;
    }
}
