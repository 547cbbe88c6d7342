package dev.eventline.stream.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.stream.cursor.PartitionRef;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PendingReadsTest {

    private static final PartitionRef P0 = new PartitionRef("assignments", 0);
    private static final PartitionRef P1 = new PartitionRef("assignments", 1);

    private final PendingReads reads = new PendingReads();
    private final AtomicInteger wakes = new AtomicInteger();

    @Test
    void aPartitionIsNotReadAgainWhileItsReadIsInFlight() {
        CompletableFuture<ReadResult> read = new CompletableFuture<>();
        reads.await(P0, read, wakes::incrementAndGet);

        assertFalse(reads.mayRead(P0));
        assertTrue(reads.mayRead(P1));
        read.complete(new ReadResult.Events(List.of(), 5));
        assertTrue(reads.mayRead(P0), "readable again once the read completed");
        assertEquals(1, wakes.get(), "the subscription is woken to apply the result");
    }

    @Test
    void finishedReadsAreAppliedOnceInThePartitionsOrder() {
        CompletableFuture<ReadResult> first = new CompletableFuture<>();
        CompletableFuture<ReadResult> second = new CompletableFuture<>();
        reads.await(P1, second, wakes::incrementAndGet);
        reads.await(P0, first, wakes::incrementAndGet);
        second.complete(new ReadResult.Events(List.of(), 2));
        first.complete(new ReadResult.Events(List.of(), 1));

        List<PartitionRef> applied = new ArrayList<>();
        assertFalse(reads.collect(List.of(P0, P1), (partition, result) -> applied.add(partition)));
        assertFalse(reads.collect(List.of(P0, P1), (partition, result) -> applied.add(partition)));

        assertEquals(List.of(P0, P1), applied);
    }

    @Test
    void aFailedReadIsReportedAndTheOthersStillApplied() {
        reads.await(P0, CompletableFuture.failedFuture(new IllegalStateException("broker gone")), () -> {});
        reads.await(P1, CompletableFuture.completedFuture(new ReadResult.Events(List.of(), 3)), () -> {});

        List<PartitionRef> applied = new ArrayList<>();
        assertTrue(reads.collect(List.of(P0, P1), (partition, result) -> applied.add(partition)));
        assertEquals(List.of(P1), applied);
    }

    @Test
    void aPartitionWithoutProgressWaitsOutItsRetryDelay() {
        reads.retryLater(P0, TimeUnit.HOURS.toNanos(1));
        assertTrue(reads.retrying(P0));
        assertFalse(reads.mayRead(P0));

        reads.progressed(P0);
        assertFalse(reads.retrying(P0));
        assertTrue(reads.mayRead(P0));

        reads.retryLater(P1, 0);
        assertTrue(reads.mayRead(P1), "a delay that has passed no longer holds the partition back");
    }
}
