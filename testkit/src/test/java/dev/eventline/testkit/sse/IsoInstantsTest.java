package dev.eventline.testkit.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    @Test
    void readsWhatInstantWritesAsInstantParseDoes() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            // 1900 to 2200, whole seconds up to nanoseconds, so every fraction length Instant writes.
            long seconds = random.nextLong(-2_208_988_800L, 7_258_118_400L);
            int nanos =
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1000;
                        default -> random.nextInt(1_000_000_000);
                    };
            String text = Instant.ofEpochSecond(seconds, nanos).toString();
            assertEquals(Instant.parse(text).toEpochMilli(), read(text), text);
        }
    }

    @Test
    void readsLeapDaysAndFractionsOfAnyLength() {
        for (String text : new String[] {
            "2024-02-29T23:59:59.9Z", "2000-02-29T00:00:00.12Z", "1970-01-01T00:00:00Z", "2026-11-30T06:09:30.1234Z"
        }) {
            assertEquals(Instant.parse(text).toEpochMilli(), read(text), text);
        }
    }

    @Test
    void refusesWhatInstantParseRefuses() {
        for (String text : new String[] {"2026-02-29T00:00:00Z", "2026-11-30T25:00:00Z", "2026-13-01T00:00:00Z", "x"}) {
            assertThrows(DateTimeException.class, () -> read(text), text);
        }
    }

    private static long read(String text) {
        byte[] bytes = ("\"" + text + "\"").getBytes(StandardCharsets.US_ASCII);
        return IsoInstants.epochMillis(bytes, 1, bytes.length - 2);
    }
}
