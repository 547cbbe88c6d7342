package dev.eventline.stream.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.stream.cursor.PartitionRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WakeGroupsTest {

    private static final PartitionRef P0 = new PartitionRef("assignments", 0);
    private static final PartitionRef P1 = new PartitionRef("assignments", 1);

    private final WatchingLog log = new WatchingLog();
    private final WakeGroups groups = new WakeGroups(log);
    private final QueueExecutor loopA = new QueueExecutor();
    private final QueueExecutor loopB = new QueueExecutor();

    @Test
    void watchesEachPartitionOncePerExecutor() {
        groups.join(P0, loopA, p -> {});
        groups.join(P0, loopA, p -> {});
        groups.join(P0, loopB, p -> {});
        groups.join(P1, loopA, p -> {});

        assertEquals(2, log.watchers.get(P0).size(), "one watch per executor");
        assertEquals(1, log.watchers.get(P1).size());
        assertEquals(3, groups.size());
    }

    @Test
    void anAppendRunsEveryMembersDrainOfThatPartitionInOneTaskOnTheirExecutor() {
        List<PartitionRef> drained = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            groups.join(P0, loopA, drained::add);
            groups.join(P1, loopA, drained::add);
        }

        log.append(P0);
        log.append(P0);

        assertEquals(1, loopA.tasks.size(), "one task however many members and appends before it runs");
        loopA.runAll();
        assertEquals(500, drained.size());
        assertTrue(drained.stream().allMatch(P0::equals), "each member is told which partition grew");
    }

    @Test
    void anAppendWhileTheTaskRunsQueuesItAgain() {
        AtomicInteger drains = new AtomicInteger();
        groups.join(P0, loopA, p -> {
            if (drains.incrementAndGet() == 1) {
                log.append(P0);
            }
        });

        log.append(P0);
        loopA.runAll();

        assertEquals(2, drains.get(), "the member sees the append that arrived during its drain");
    }

    @Test
    void aFailingDrainDoesNotKeepItsNeighboursFromTheirEvents() {
        AtomicInteger drains = new AtomicInteger();
        groups.join(P0, loopA, p -> {
            throw new IllegalStateException("bug in one subscription");
        });
        groups.join(P0, loopA, p -> drains.incrementAndGet());

        log.append(P0);
        loopA.runAll();

        assertEquals(1, drains.get());
    }

    @Test
    void theLastMemberToLeaveEndsTheWatch() {
        WakeGroups.Member first = p -> {};
        WakeGroups.Member second = p -> {};
        groups.join(P0, loopA, first);
        groups.join(P0, loopA, second);
        Runnable watcher = log.watchers.get(P0).get(0);

        groups.leave(P0, loopA, first);
        assertEquals(1, log.watchers.get(P0).size(), "a member is still in the group");
        groups.leave(P0, loopA, second);

        assertTrue(log.watchers.get(P0).isEmpty());
        assertSame(watcher, log.unwatched.get(0), "the log is told to forget the callback it was given");
        assertEquals(0, groups.size());
        log.append(P0);
        assertTrue(loopA.tasks.isEmpty());
    }

    /** Runs tasks when the test says so, on the test's thread, like a paused event loop. */
    private static final class QueueExecutor implements Executor {

        private final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                task.run();
            }
        }
    }

    /** The watch side of a log: appends are announced by the test. */
    private static final class WatchingLog implements AppendWatch {

        private final Map<PartitionRef, List<Runnable>> watchers = new HashMap<>();
        private final List<Runnable> unwatched = new ArrayList<>();

        void append(PartitionRef partition) {
            List.copyOf(watchers.getOrDefault(partition, List.of())).forEach(Runnable::run);
        }

        @Override
        public void watch(PartitionRef partition, Runnable onAppend) {
            watchers.computeIfAbsent(partition, p -> new ArrayList<>()).add(onAppend);
        }

        @Override
        public void unwatch(PartitionRef partition, Runnable onAppend) {
            watchers.get(partition).remove(onAppend);
            unwatched.add(onAppend);
        }
    }
}
