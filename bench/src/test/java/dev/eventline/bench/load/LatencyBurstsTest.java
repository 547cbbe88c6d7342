package dev.eventline.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LatencyBurstsTest {

    private static final long FAST = 3_000_000L;
    private static final long THRESHOLD = 14_000_000L;

    @Test
    void aStallEvery500MillisecondsIsOneBurstEach500MillisecondsApart() {
        // 1,000 requests/s for 2 s; at 100, 600, 1,100 and 1,600 ms a 20 ms stall delays the
        // requests scheduled in it, the first by 20 ms and each later one 1 ms less.
        long[] byRequest = new long[2000];
        Arrays.fill(byRequest, FAST);
        for (int start : new int[] {100, 600, 1100, 1600}) {
            for (int i = 0; i < 20; i++) {
                byRequest[start + i] = (20 - i) * 1_000_000L + FAST;
            }
        }

        LatencyBursts bursts = LatencyBursts.of(byRequest, 1000, THRESHOLD);

        assertEquals(4, bursts.bursts());
        assertEquals(4 * 10, bursts.slow());
        assertEquals(500.0, bursts.medianGapMillis(), 1e-9);
    }

    @Test
    void scatteredSlowRequestsAreEachTheirOwnBurst() {
        long[] byRequest = new long[1000];
        Arrays.fill(byRequest, FAST);
        byRequest[10] = THRESHOLD;
        byRequest[300] = THRESHOLD;
        byRequest[900] = THRESHOLD;

        LatencyBursts bursts = LatencyBursts.of(byRequest, 1000, THRESHOLD);

        assertEquals(3, bursts.bursts());
        assertEquals(445.0, bursts.medianGapMillis(), 1e-9);
    }

    @Test
    void unansweredRequestsAndFastRunsMakeNoBurst() {
        long[] byRequest = new long[500];
        Arrays.fill(byRequest, -1);

        LatencyBursts bursts = LatencyBursts.of(byRequest, 500, THRESHOLD);

        assertEquals(0, bursts.bursts());
        assertEquals(0, bursts.slow());
        assertTrue(Double.isNaN(bursts.medianGapMillis()));
    }
}
