package dev.eventline.stream.subscription;

import dev.eventline.stream.cursor.PartitionRef;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes subscriptions when their partitions grow, with one task per executor rather than one per
 * subscription. The subscriptions that read a partition and drain on the same executor (a
 * connection's event loop) form a group, and the group watches the partition in the log ({@link AppendWatch})
 * once. An append then costs the log's thread one hand-off per group, and each executor one task that
 * runs its members' drains in turn, on the thread they must run on anyway.
 *
 * <p>Why: with a task per subscriber, a thousand subscribers meant a thousand cross-thread queue
 * hand-offs per event, each contending with the event loop taking them off the queue.
 *
 * <p>Thread-safe: members join and leave from any thread; a group's task runs on its executor.
 */
final class WakeGroups {

    private static final Logger LOG = LoggerFactory.getLogger(WakeGroups.class);

    private final AppendWatch log;
    private final Map<Key, Group> groups = new ConcurrentHashMap<>();

    WakeGroups(AppendWatch log) {
        this.log = log;
    }

    /**
     * Runs {@code member} (a subscription's drain on the calling thread) on {@code executor} with
     * {@code partition} whenever it grows, until it leaves.
     */
    void join(PartitionRef partition, Executor executor, Member member) {
        groups.compute(new Key(partition, executor), (key, group) -> {
            Group joined = group != null ? group : new Group(partition, executor);
            joined.members.add(member);
            if (group == null) {
                log.watch(partition, joined.onAppend);
            }
            return joined;
        });
    }

    /** Stops waking {@code member} for {@code partition}; the last member out stops the watch. */
    void leave(PartitionRef partition, Executor executor, Member member) {
        groups.computeIfPresent(new Key(partition, executor), (key, group) -> {
            group.members.remove(member);
            if (!group.members.isEmpty()) {
                return group;
            }
            log.unwatch(partition, group.onAppend);
            return null;
        });
    }

    /** Groups watching partitions now: one per partition and executor with members. */
    int size() {
        return groups.size();
    }

    /**
     * What a group wakes: a subscription itself rather than a callback object holding it, so that a
     * wake-up loads one object per member, not two.
     */
    @FunctionalInterface
    interface Member {

        /** {@code partition} grew; called on the executor the member joined with. */
        void appended(PartitionRef partition);
    }

    private record Key(PartitionRef partition, Executor executor) {}

    private static final class Group implements Runnable {

        private final PartitionRef partition;
        private final Executor executor;
        private final Set<Member> members = new CopyOnWriteArraySet<>();
        private final AtomicBoolean queued = new AtomicBoolean();
        private final Runnable onAppend = this::wake;

        private Group(PartitionRef partition, Executor executor) {
            this.partition = partition;
            this.executor = executor;
        }

        /** On the log's thread: queues the group's task unless it is queued and has not started. */
        private void wake() {
            if (queued.compareAndSet(false, true)) {
                executor.execute(this);
            }
        }

        @Override
        public void run() {
            // Cleared first: an append during the loop queues the task again, so no member misses it.
            queued.set(false);
            for (Member member : members) {
                try {
                    member.appended(partition);
                } catch (RuntimeException e) {
                    // One subscription's failure must not keep its neighbours from their events.
                    LOG.error("a subscription's drain failed", e);
                }
            }
        }
    }
}
