package dev.eventline.emitter.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.micronaut.security.authentication.Authentication;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    private final TestClock clock = new TestClock();

    @Test
    void answersTheSameTokenUntilItExpires() {
        VerifiedTokens tokens = new VerifiedTokens(10, Duration.ofMinutes(5), clock);
        Authentication auth = expiringIn(Duration.ofSeconds(30));
        tokens.remember("t", auth);

        clock.advance(Duration.ofSeconds(29));
        assertSame(auth, tokens.find("t"));
        assertNull(tokens.find("other"));
        clock.advance(Duration.ofSeconds(1));
        assertNull(tokens.find("t"), "at exp the token is no longer valid");
        assertEquals(0, tokens.size(), "an expired entry is dropped when asked for");
    }

    @Test
    void neverAnswersLongerThanMaxAgeAfterVerification() {
        VerifiedTokens tokens = new VerifiedTokens(10, Duration.ofSeconds(60), clock);
        tokens.remember("t", expiringIn(Duration.ofHours(1)));
        clock.advance(Duration.ofSeconds(59));
        assertFalse(tokens.find("t") == null);
        clock.advance(Duration.ofSeconds(1));
        assertNull(tokens.find("t"));
    }

    @Test
    void tokenWithoutExpiryIsKeptForMaxAge() {
        VerifiedTokens tokens = new VerifiedTokens(10, Duration.ofSeconds(60), clock);
        tokens.remember("t", Authentication.build("p", List.of("producer"), Map.of()));
        clock.advance(Duration.ofSeconds(59));
        assertFalse(tokens.find("t") == null);
        clock.advance(Duration.ofSeconds(1));
        assertNull(tokens.find("t"));
    }

    @Test
    void readsExpiryGivenAsEpochSeconds() {
        VerifiedTokens tokens = new VerifiedTokens(10, Duration.ofMinutes(5), clock);
        long exp = START.plusSeconds(10).getEpochSecond();
        tokens.remember("t", Authentication.build("p", List.of(), Map.of("exp", exp)));
        clock.advance(Duration.ofSeconds(10));
        assertNull(tokens.find("t"));
    }

    @Test
    void tokenWithUnreadableOrPastExpiryIsNotRemembered() {
        VerifiedTokens tokens = new VerifiedTokens(10, Duration.ofMinutes(5), clock);
        tokens.remember("odd", Authentication.build("p", List.of(), Map.of("exp", "tomorrow")));
        tokens.remember("past", expiringIn(Duration.ofSeconds(-1)));
        assertEquals(0, tokens.size());
    }

    @Test
    void fullCacheDropsExpiredEntriesFirstAndOtherwiseStartsOver() {
        VerifiedTokens tokens = new VerifiedTokens(3, Duration.ofMinutes(5), clock);
        tokens.remember("short", expiringIn(Duration.ofSeconds(1)));
        tokens.remember("a", expiringIn(Duration.ofHours(1)));
        tokens.remember("b", expiringIn(Duration.ofHours(1)));
        clock.advance(Duration.ofSeconds(2));
        tokens.remember("c", expiringIn(Duration.ofHours(1)));
        assertEquals(3, tokens.size(), "only the expired entry made room");
        assertFalse(tokens.find("a") == null);

        tokens.remember("d", expiringIn(Duration.ofHours(1)));
        assertEquals(1, tokens.size(), "with nothing expired the cache starts over");
        assertFalse(tokens.find("d") == null);
    }

    @Test
    void zeroCapacityKeepsNothing() {
        VerifiedTokens tokens = new VerifiedTokens(0, Duration.ofMinutes(5), clock);
        assertFalse(tokens.enabled());
        tokens.remember("t", expiringIn(Duration.ofHours(1)));
        assertNull(tokens.find("t"));
    }

    private Authentication expiringIn(Duration duration) {
        Date exp = Date.from(clock.instant().plus(duration));
        return Authentication.build("p", List.of("producer"), Map.of("exp", exp, "tenant", "t1"));
    }

    /** A clock that moves only when told to. */
    private static final class TestClock extends Clock {
        private Instant now = START;

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
