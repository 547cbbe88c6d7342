package dev.eventline.stream.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.stream.config.StreamSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {

    @Test
    void refusesBeyondEachLimitAndGivesSlotsBack() {
        StreamSettings settings = new StreamSettings();
        settings.setMaxConnectionsPerUser(2);
        settings.setMaxConnectionsPerTenant(3);
        settings.setMaxConnectionsPerInstance(4);
        ConnectionLimits limits = new ConnectionLimits(settings);
        assertGranted(limits.acquire("t1", "u1"));
        assertGranted(limits.acquire("t1", "u1"));
        assertEquals(Optional.of(ConnectionLimits.Limit.USER), limits.acquire("t1", "u1"));
        assertGranted(limits.acquire("t1", "u2"));
        assertEquals(Optional.of(ConnectionLimits.Limit.TENANT), limits.acquire("t1", "u3"));
        assertGranted(limits.acquire("t2", "u1"));
        assertEquals(Optional.of(ConnectionLimits.Limit.INSTANCE), limits.acquire("t3", "u1"));
        limits.release("t1", "u1");
        assertGranted(limits.acquire("t1", "u1"));
    }

    @Test
    void keepsEachLimitWhileStreamsOfOneUserOpenAndCloseConcurrently() throws Exception {
        StreamSettings settings = new StreamSettings();
        settings.setMaxConnectionsPerUser(2);
        ConnectionLimits limits = new ConnectionLimits(settings);
        AtomicInteger open = new AtomicInteger();
        AtomicInteger mostOpen = new AtomicInteger();
        int threads = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(CompletableFuture.runAsync(
                        () -> {
                            awaitQuietly(go);
                            for (int i = 0; i < 20_000; i++) {
                                if (limits.acquire("t1", "u1").isEmpty()) {
                                    mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                                    open.decrementAndGet();
                                    limits.release("t1", "u1");
                                }
                            }
                        },
                        pool));
            }
            go.countDown();
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertTrue(mostOpen.get() <= 2, "at most 2 streams of the user were open at once, saw " + mostOpen);
        // Every slot was given back exactly once: the limit holds as it did at the start.
        assertGranted(limits.acquire("t1", "u1"));
        assertGranted(limits.acquire("t1", "u1"));
        assertEquals(Optional.of(ConnectionLimits.Limit.USER), limits.acquire("t1", "u1"));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void assertGranted(Optional<ConnectionLimits.Limit> refused) {
        assertEquals(Optional.empty(), refused);
    }
}
