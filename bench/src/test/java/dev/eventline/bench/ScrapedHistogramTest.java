package dev.eventline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScrapedHistogramTest {

    private static final String BEFORE =
            """
            # HELP eventline_emit_latency_seconds Time from an emit request to the log's acknowledgement
            # TYPE eventline_emit_latency_seconds histogram
            eventline_emit_latency_seconds_bucket{le="0.001"} 1
            eventline_emit_latency_seconds_bucket{le="0.005"} 2
            eventline_emit_latency_seconds_bucket{le="0.01"} 2
            eventline_emit_latency_seconds_bucket{le="+Inf"} 2
            eventline_emit_latency_seconds_count 2
            eventline_other_seconds_bucket{le="0.001"} 50
            """;

    private static final String AFTER =
            """
            eventline_emit_latency_seconds_bucket{le="0.001"} 1
            eventline_emit_latency_seconds_bucket{le="0.005"} 92
            eventline_emit_latency_seconds_bucket{le="0.01"} 101
            eventline_emit_latency_seconds_bucket{le="+Inf"} 102
            eventline_emit_latency_seconds_count 102
            eventline_other_seconds_bucket{le="0.001"} 70
            """;

    @Test
    void readsOnlyTheNamedHistogramsBuckets() {
        ScrapedHistogram histogram = ScrapedHistogram.parse(AFTER, "eventline_emit_latency_seconds");

        assertEquals(102, histogram.count());
        assertEquals(4, histogram.cumulative().size());
    }

    @Test
    void quantilesOfAPhaseComeFromTheDifferenceOfTwoScrapes() {
        ScrapedHistogram phase = ScrapedHistogram.parse(AFTER, "eventline_emit_latency_seconds")
                .since(ScrapedHistogram.parse(BEFORE, "eventline_emit_latency_seconds"));

        assertEquals(100, phase.count());
        // 90 of the phase's 100 answers fell in (1 ms, 5 ms], 9 in (5, 10], one above.
        assertEquals(5.0, phase.upperBound(0.50, 1e3));
        assertEquals(10.0, phase.upperBound(0.99, 1e3));
        assertTrue(Double.isInfinite(phase.upperBound(1.0, 1e3)));
    }

    @Test
    void sumsLabelSetsOfTheSameBound() {
        String text =
                """
                eventline_emit_latency_seconds_bucket{instance="a",le="0.005"} 3
                eventline_emit_latency_seconds_bucket{instance="b",le="0.005"} 4
                eventline_emit_latency_seconds_bucket{instance="a",le="+Inf"} 3
                eventline_emit_latency_seconds_bucket{instance="b",le="+Inf"} 4
                """;

        assertEquals(
                7,
                ScrapedHistogram.parse(text, "eventline_emit_latency_seconds").count());
    }

    @Test
    void anEmptyPhaseHasNoQuantile() {
        ScrapedHistogram none = ScrapedHistogram.parse(BEFORE, "eventline_emit_latency_seconds")
                .since(ScrapedHistogram.parse(BEFORE, "eventline_emit_latency_seconds"));

        assertTrue(Double.isNaN(none.upperBound(0.99, 1e3)));
    }
}
