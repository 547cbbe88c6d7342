package dev.eventline.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

class ClaimInstantsTest {

    @Test
    void readsDatesInstantsAndEpochSecondsAndClampsWhatJavaCannotHold() {
        Instant at = Instant.parse("2026-12-02T09:00:00Z");
        assertEquals(at, ClaimInstants.of(Date.from(at)));
        assertEquals(at, ClaimInstants.of(at));
        assertEquals(at, ClaimInstants.of(at.getEpochSecond()));
        assertEquals(
                Instant.MAX.getEpochSecond(), ClaimInstants.of(Long.MAX_VALUE).getEpochSecond());
        assertEquals(Instant.MIN, ClaimInstants.of(Long.MIN_VALUE));
        assertNull(ClaimInstants.of("tomorrow"));
    }
}
