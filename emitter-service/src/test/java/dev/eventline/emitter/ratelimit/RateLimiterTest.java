package dev.eventline.emitter.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private RateLimiter limiter(String producer, String tenant) {
        RateLimitSettings settings = new RateLimitSettings();
        settings.setProducer(producer);
        settings.setTenant(tenant);
        return new RateLimiter(settings, now::get);
    }

    @Test
    void aProducerGetsItsBurstThenItsRate() {
        RateLimiter limiter = limiter("10:5", "1000");

        for (int i = 0; i < 5; i++) {
            assertInstanceOf(Admission.Admitted.class, limiter.admitOne("svc", "t-1"), "event " + i);
        }
        Admission.Limited limited = assertInstanceOf(Admission.Limited.class, limiter.admitOne("svc", "t-1"));
        assertEquals(Admission.Scope.PRODUCER, limited.scope());
        assertEquals("svc", limited.key());
        assertEquals(Duration.ofMillis(100), limited.retryAfter(), "one event at 10 a second");
        assertTrue(limited.everPossible());

        now.addAndGet(Duration.ofMillis(100).toNanos());
        assertInstanceOf(Admission.Admitted.class, limiter.admitOne("svc", "t-1"));
        assertInstanceOf(Admission.Admitted.class, limiter.admitOne("other-svc", "t-1"), "each producer its own");
    }

    @Test
    void aTenantIsLimitedAcrossItsProducers() {
        RateLimiter limiter = limiter("1000", "1:3");

        assertInstanceOf(Admission.Admitted.class, limiter.admitOne("a", "t-1"));
        assertInstanceOf(Admission.Admitted.class, limiter.admitOne("b", "t-1"));
        assertInstanceOf(Admission.Admitted.class, limiter.admitOne("c", "t-1"));
        Admission.Limited limited = assertInstanceOf(Admission.Limited.class, limiter.admitOne("d", "t-1"));
        assertEquals(Admission.Scope.TENANT, limited.scope());
        assertEquals("t-1", limited.key());
        assertInstanceOf(Admission.Admitted.class, limiter.admitOne("d", "t-2"));
    }

    @Test
    void aBatchIsAdmittedWholeOrNotAtAllAndARefusalTakesNothing() {
        RateLimiter limiter = limiter("1:10", "1:4");

        Admission refused = limiter.admit("svc", Map.of("t-1", 3, "t-2", 5));
        assertEquals(
                Admission.Scope.TENANT,
                assertInstanceOf(Admission.Limited.class, refused).scope());

        // The producer's 8 tokens and t-1's 3 were given back: these fit exactly.
        assertInstanceOf(Admission.Admitted.class, limiter.admit("svc", Map.of("t-1", 4, "t-3", 4)));
        assertInstanceOf(Admission.Admitted.class, limiter.admit("svc", Map.of("t-2", 2)));
        assertInstanceOf(Admission.Limited.class, limiter.admit("svc", Map.of("t-2", 1)));
    }

    @Test
    void aRequestLargerThanTheBurstCanNeverPass() {
        RateLimiter limiter = limiter("100:50", "1000");

        Admission.Limited limited = assertInstanceOf(Admission.Limited.class, limiter.admit("svc", Map.of("t", 51)));
        assertFalse(limited.everPossible());
        assertInstanceOf(Admission.Admitted.class, limiter.admit("svc", Map.of("t", 50)), "nothing was taken");
    }

    @Test
    void namedProducersAndTenantsHaveTheirOwnRates() {
        RateLimitSettings settings = new RateLimitSettings();
        settings.setProducer("1:1");
        settings.setProducers(Map.of("bulk-importer", "100:200"));
        settings.setTenants(Map.of("big-school", "100:200"));
        RateLimiter limiter = new RateLimiter(settings, now::get);

        assertInstanceOf(Admission.Admitted.class, limiter.admit("bulk-importer", Map.of("big-school", 150)));
        assertInstanceOf(Admission.Limited.class, limiter.admit("svc", Map.of("t", 2)));
    }

    @Test
    void switchedOffEverythingPasses() {
        RateLimitSettings settings = new RateLimitSettings();
        settings.setProducer("1:1");
        settings.setEnabled(false);

        assertInstanceOf(Admission.Admitted.class, new RateLimiter(settings, now::get).admit("svc", Map.of("t", 1000)));
    }

    @Test
    void idleBucketsAreForgottenBeyondTheBound() {
        RateLimitSettings settings = new RateLimitSettings();
        settings.setProducer("10:10");
        settings.setMaxTracked(10);
        RateLimiter limiter = new RateLimiter(settings, now::get);
        for (int i = 0; i < 50; i++) {
            limiter.admitOne("svc-" + i, "t");
            now.addAndGet(Duration.ofSeconds(1).toNanos());
        }
        // Every producer's bucket refilled a second later, so none is remembered past the bound.
        assertInstanceOf(Admission.Admitted.class, limiter.admit("svc-0", Map.of("t", 10)));
    }

    @Test
    void ratesParseWithADefaultBurstAndBadOnesAreNamed() {
        assertEquals(new Rate(200, 400), Rate.parse("200"));
        assertEquals(new Rate(0.5, 3), Rate.parse(" 0.5 : 3 "));
        assertEquals(5, new Rate(2, 10).windowSeconds());
        RateLimitSettings settings = new RateLimitSettings();
        settings.setTenants(Map.of("t-1", "fast"));
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> new RateLimiter(settings));
        assertTrue(error.getMessage().contains("eventline.emitter.rate-limits.tenants.t-1"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Rate.parse("0:5"));
        assertThrows(IllegalArgumentException.class, () -> Rate.parse("5:0"));
    }
}
