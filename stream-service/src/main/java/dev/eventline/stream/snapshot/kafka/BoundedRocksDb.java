package dev.eventline.stream.snapshot.kafka;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for every snapshot store of the instance. Kafka Streams opens a RocksDB per store
 * and partition (7 topics x 6 partitions = 42 here), each by default with its own 50 MiB block cache
 * and up to 3 x 16 MiB of memtables: several GiB off-heap at worst. Instead every store shares one
 * block cache of {@value #CACHE_MEGABYTES} MiB, and their memtables count against it through one write
 * buffer manager, so the snapshot stores stay within that budget whatever their number (index and
 * filter blocks included).
 *
 * <p>Kafka Streams instantiates this class by name ({@code rocksdb.config.setter}) once per store;
 * the shared cache lives as long as the JVM.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {

    /** The instance's whole RocksDB budget: block cache and memtables. */
    static final long CACHE_MEGABYTES = 96;

    /** Of the budget, what memtables may hold before they are flushed. */
    static final long MEMTABLE_MEGABYTES = 32;

    private static final long MIB = 1024 * 1024;

    static {
        RocksDB.loadLibrary();
    }

    private static final Cache CACHE = new LRUCache(CACHE_MEGABYTES * MIB, -1, false, 0.1);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLE_MEGABYTES * MIB, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are shared: they outlive any one store.
    }
}
