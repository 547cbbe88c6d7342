package dev.eventline.stream.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HeartbeatsTest {

    private final ManualTimer timer = new ManualTimer();
    private final List<String> beaten = new ArrayList<>();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void spreadsMembersOverTheIntervalAndBeatsEachOncePerInterval() {
        Heartbeats<String> heartbeats = new Heartbeats<>(Duration.ofSeconds(15), timer, beaten::add);
        for (int i = 0; i < 30; i++) {
            heartbeats.join("s" + i);
        }

        assertEquals(TimeUnit.SECONDS.toNanos(1), timer.period, "one slot per second of the interval");
        Map<String, Integer> beats = new HashMap<>();
        for (int tick = 0; tick < 15; tick++) {
            beaten.clear();
            timer.tick();
            assertEquals(2, beaten.size(), "thirty members over fifteen slots: two per tick");
            beaten.forEach(member -> beats.merge(member, 1, Integer::sum));
        }
        assertEquals(30, beats.size());
        assertTrue(beats.values().stream().allMatch(count -> count == 1), "each member once per interval");
    }

    @Test
    void shortIntervalsBeatEveryMemberAtEachTick() {
        Heartbeats<String> heartbeats = new Heartbeats<>(Duration.ofMillis(300), timer, beaten::add);
        heartbeats.join("a");
        heartbeats.join("b");

        timer.tick();

        assertEquals(TimeUnit.MILLISECONDS.toNanos(300), timer.period);
        assertEquals(List.of("a", "b"), beaten.stream().sorted().toList());
    }

    @Test
    void longIntervalsUseAtMostTheMaximumSlots() {
        assertEquals(Heartbeats.MAX_SLOTS, Heartbeats.slots(Duration.ofMinutes(10)));
        assertEquals(1, Heartbeats.slots(Duration.ofMillis(1500)));
        assertEquals(2, Heartbeats.slots(Duration.ofSeconds(2)));
    }

    @Test
    void membersThatLeftAreNotBeaten() {
        Heartbeats<String> heartbeats = new Heartbeats<>(Duration.ofMillis(300), timer, beaten::add);
        Runnable stop = heartbeats.join("gone");
        heartbeats.join("staying");

        stop.run();
        timer.tick();

        assertEquals(List.of("staying"), beaten);
    }

    @Test
    void aFailingBeatNeitherStopsItsNeighboursNorLaterTicks() {
        Heartbeats<String> heartbeats = new Heartbeats<>(Duration.ofMillis(300), timer, member -> {
            if (member.equals("broken")) {
                throw new IllegalStateException("event loop gone");
            }
            beaten.add(member);
        });
        heartbeats.join("broken");
        heartbeats.join("fine");

        timer.tick();
        timer.tick();

        assertEquals(List.of("fine", "fine"), beaten);
    }

    /** Captures the periodic task instead of running it, so a test turns the clock by hand. */
    private static final class ManualTimer extends ScheduledThreadPoolExecutor {

        private Runnable task;
        private long period;

        ManualTimer() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long every, TimeUnit unit) {
            task = command;
            period = unit.toNanos(every);
            return null;
        }

        void tick() {
            task.run();
        }
    }
}
