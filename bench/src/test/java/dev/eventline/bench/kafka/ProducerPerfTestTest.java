package dev.eventline.bench.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ProducerPerfTestTest {

    @Test
    void readsThroughputAndLatenciesOfTheWholeRun() throws IOException {
        ProducerPerfTest.Result result = ProducerPerfTest.parse("2000000 records sent, 171159.606333 records/sec"
                + " (32.65 MB/sec), 531.35 ms avg latency, 1141.00 ms max latency, 572 ms 50th, 941 ms 95th,"
                + " 1065 ms 99th, 1111 ms 99.9th.");

        assertEquals(171159.606333, result.recordsPerSecond(), 1e-6);
        assertEquals(531.35, result.averageLatencyMillis(), 1e-9);
        assertEquals(572, result.p50Millis(), 1e-9);
        assertEquals(1065, result.p99Millis(), 1e-9);
        assertEquals(1141, result.maxLatencyMillis(), 1e-9);
    }

    @Test
    void readsTheSteadyStateSummary() throws IOException {
        ProducerPerfTest.Result result = ProducerPerfTest.parse("15000 steady state records sent, 998.402556"
                + " records/sec (0.19 MB/sec), 4.53 ms avg latency, 55.00 ms max latency, 4 ms 50th, 7 ms 95th,"
                + " 13 ms 99th, 46 ms 99.9th.");

        assertEquals(4, result.p50Millis(), 1e-9);
        assertEquals(13, result.p99Millis(), 1e-9);
        assertEquals(55, result.maxLatencyMillis(), 1e-9);
    }

    @Test
    void refusesOutputWithoutASummary() {
        assertThrows(IOException.class, () -> ProducerPerfTest.parse("4999 records sent, 999.6 records/sec"));
        assertThrows(IOException.class, () -> ProducerPerfTest.parse(null));
    }
}
