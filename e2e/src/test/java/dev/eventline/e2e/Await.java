package dev.eventline.e2e;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling until a condition holds, for the tests that watch producers and subscribers from outside. */
final class Await {

    private static final Duration POLL = Duration.ofMillis(50);

    private Await() {}

    /** Blocks until {@code condition} holds; fails naming {@code what} after {@code timeout}. */
    static void until(BooleanSupplier condition, String what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
