package dev.eventline.stream.snapshot;

import dev.eventline.stream.cursor.PartitionRef;
import dev.eventline.stream.subscription.LogEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The port to the materialized state: what a snapshot keeps of each (tenant, record) of each topic
 * (its latest state event and the marks beside it, as {@code RecordFold} decides), and how far into
 * each partition the state has been applied. No Kafka types.
 *
 * <p>Thread-safe; {@link #scan} blocks briefly (in-memory reads).
 */
public interface SnapshotStore {

    /** True when the store can be queried (Kafka Streams running, stores restored). */
    boolean ready();

    /** Whether the store can be queried, and how far its restore is; never blocks. */
    Progress progress();

    /**
     * Reads a tenant's latest events of {@code topics}, with the applied positions read before and
     * after the scan. The store keeps applying records during a scan: each record returned reflects
     * some moment between {@code before} and {@code after} (or later, if a position lags its record).
     */
    Scan scan(String tenant, List<String> topics);

    /**
     * The same, of the records whose latest event is addressed to one of {@code groups} only (group
     * names, no prefix), found without reading the tenant's other records.
     */
    Scan scan(String tenant, List<String> topics, Set<String> groups);

    /**
     * One scan.
     *
     * @param records the kept events of each record, a record's events together and in log order
     *     (deleted records absent)
     * @param before per partition, the next offset to apply when the scan started (absent: none applied)
     * @param after the same when it ended
     * @param held the partitions of the scanned topics whose state this store holds: all of them, unless
     *     another instance shares this one's snapshot identity and took some (each then holds a part)
     */
    record Scan(
            List<LogEvent> records,
            Map<PartitionRef, Long> before,
            Map<PartitionRef, Long> after,
            Set<PartitionRef> held) {}

    /**
     * A store's readiness.
     *
     * @param ready whether snapshots can be served
     * @param restoredRecords changelog records restored since the store started
     * @param recordsToRestore changelog records the restores begun so far must apply in all (grows as
     *     partitions start restoring)
     */
    record Progress(boolean ready, long restoredRecords, long recordsToRestore) {

        /**
         * Restored share in percent: 100 once ready or when nothing needs restoring. Records to restore
         * are counted in changelog offsets, which include markers and compacted gaps, so a finished
         * restore may count fewer records than that.
         */
        public int percent() {
            return ready || recordsToRestore == 0 ? 100 : (int) Math.min(99, restoredRecords * 100 / recordsToRestore);
        }
    }
}
