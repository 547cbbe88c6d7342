package dev.eventline.schemas.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class EnvelopeRulesTest {

    @Test
    void tenantIdsAreNonEmptyAndCannotContainTheKeySeparator() {
        assertTrue(EnvelopeRules.isTenantId("school-7.b_1:x@y"));
        assertFalse(EnvelopeRules.isTenantId(""));
        assertFalse(EnvelopeRules.isTenantId("t/x"));
        assertFalse(EnvelopeRules.isTenantId("t x"));
        assertFalse(EnvelopeRules.isTenantId("a".repeat(129)));
        assertFalse(EnvelopeRules.isTenantId(null));
    }

    @Test
    void idsAreBoundedAndFreeOfControlCharacters() {
        assertNull(EnvelopeRules.idProblem("user-1"));
        assertNotNull(EnvelopeRules.idProblem(" "));
        assertNotNull(EnvelopeRules.idProblem("a\u0000b"));
        assertNotNull(EnvelopeRules.idProblem("a".repeat(257)));
    }

    @Test
    void instantsOutsideTheYearsAreRefusedInsteadOfOverflowing() {
        assertEquals(OptionalLong.of(0), EnvelopeRules.isoMillis("1970-01-01T00:00:00Z"));
        assertTrue(EnvelopeRules.isoMillis("9999-12-31T23:59:59Z").isPresent());
        assertTrue(EnvelopeRules.isoMillis("+1000000000-12-31T23:59:59Z").isEmpty());
        assertTrue(EnvelopeRules.isoMillis("-1000000000-01-01T00:00:00Z").isEmpty());
        assertTrue(EnvelopeRules.isoMillis("1900-01-01T00:00:00Z").isEmpty());
        assertTrue(EnvelopeRules.isoMillis("+10000-01-01T00:00:00Z").isEmpty());
        assertTrue(EnvelopeRules.isoMillis("nonsense").isEmpty());
        assertFalse(EnvelopeRules.isMillisInRange(Long.MAX_VALUE));
        assertFalse(EnvelopeRules.isMillisInRange(-1));
    }
}
