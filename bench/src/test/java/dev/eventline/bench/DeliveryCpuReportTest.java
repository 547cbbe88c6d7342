package dev.eventline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eventline.testkit.sse.SseGroup;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryCpuReportTest {

    @Test
    void eachRoundIsComparedWithThePeerOfItsOwnCycle() {
        List<String> lines = DeliveryCpuReport.markdown(List.of(
                List.of(round("Nchan", 10, 0), round("Eventline", 11, 1)),
                List.of(round("Nchan", 5, 0), round("Eventline", 6, 1))));
        assertTrue(
                lines.contains("| 1 | Eventline | 11.00 µs (1.00) | 1.10x | 1.00x | 3 / 9 ms | 0 / 0 |"),
                lines.toString());
        assertTrue(
                lines.contains("| 2 | Eventline | 6.00 µs (1.00) | 1.20x | 1.00x | 3 / 9 ms | 0 / 0 |"),
                lines.toString());
        // The median of 1.10 and 1.20, never a ratio of the two cycles' averages.
        assertTrue(lines.contains("| Eventline | 1.15x | 1.10-1.20x | 1.00x |"), lines.toString());
    }

    @Test
    void medianOfAnOddCountIsTheMiddleFigureWhateverTheOrder() {
        assertEquals(2.0, DeliveryCpuReport.median(new double[] {3, 1, 2}));
        assertEquals(1.5, DeliveryCpuReport.median(new double[] {2, 1}));
    }

    private static FanOutRun.Delivered round(String target, double cpu, double jit) {
        return new FanOutRun.Delivered(
                target,
                1000,
                20,
                20,
                20_000,
                3,
                9,
                12,
                cpu,
                jit,
                0,
                new SseGroup.Delivery(1000, 400_000, 0, 0),
                true,
                0);
    }
}
