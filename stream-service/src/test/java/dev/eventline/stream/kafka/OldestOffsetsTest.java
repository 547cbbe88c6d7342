package dev.eventline.stream.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OldestOffsetsTest {

    private static final TopicPartition PARTITION = new TopicPartition("assignments", 0);

    @Test
    void aCallAfterRetentionMovedSeesTheNewOldestOffset() {
        AtomicLong retained = new AtomicLong(0);
        OldestOffsets offsets = new OldestOffsets(partition -> retained.get());
        assertEquals(0, offsets.oldest(PARTITION));
        retained.set(500);
        assertEquals(500, offsets.oldest(PARTITION));
    }

    @Test
    void callersWaitingOnALookupShareTheNextOne() throws InterruptedException {
        AtomicInteger lookups = new AtomicInteger();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        OldestOffsets offsets = new OldestOffsets(partition -> {
            if (lookups.incrementAndGet() == 1) {
                firstStarted.countDown();
                await(releaseFirst);
            }
            return 42;
        });
        List<Thread> callers = new ArrayList<>();
        Queue<Long> answers = new ConcurrentLinkedQueue<>();
        callers.add(start(() -> offsets.oldest(PARTITION)));
        firstStarted.await();
        // These ask while the first lookup is in flight: it started before they asked, so they must
        // not take its answer, but one lookup after it serves them all.
        for (int i = 0; i < 5; i++) {
            callers.add(start(() -> answers.add(offsets.oldest(PARTITION))));
        }
        for (Thread waiting : callers.subList(1, callers.size())) {
            while (!blockedOn(waiting, offsets)) {
                Thread.onSpinWait();
            }
        }
        releaseFirst.countDown();
        for (Thread caller : callers) {
            caller.join();
        }
        assertEquals(2, lookups.get());
        assertEquals(List.of(42L, 42L, 42L, 42L, 42L), List.copyOf(answers));
    }

    @Test
    void partitionsAreLookedUpApart() {
        OldestOffsets offsets = new OldestOffsets(TopicPartition::partition);
        assertEquals(0, offsets.oldest(PARTITION));
        assertEquals(3, offsets.oldest(new TopicPartition("assignments", 3)));
    }

    private static Thread start(Runnable task) {
        Thread thread = new Thread(task);
        thread.start();
        return thread;
    }

    /** Waiting for {@code monitor}'s lock: past taking the time it asked at. */
    private static boolean blockedOn(Thread thread, Object monitor) {
        ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(thread.getId());
        return info != null
                && info.getThreadState() == Thread.State.BLOCKED
                && info.getLockInfo() != null
                && info.getLockInfo().getIdentityHashCode() == System.identityHashCode(monitor);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
