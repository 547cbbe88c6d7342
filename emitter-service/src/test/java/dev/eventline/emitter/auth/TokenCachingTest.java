package dev.eventline.emitter.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.eventline.emitter.config.EmitterSettings;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class TokenCachingTest {

    private final Authentication accepted = Authentication.build(
            "p", List.of("producer"), Map.of("exp", new Date(System.currentTimeMillis() + 3_600_000)));

    @Test
    void acceptedTokenIsVerifiedOnceThenAnsweredFromTheCache() {
        CountingValidator real = new CountingValidator();
        TokenValidator<String> cached = wrap(new EmitterSettings(), real);

        assertSame(accepted, Mono.from(cached.validateToken("good", "request")).block());
        assertSame(accepted, Mono.from(cached.validateToken("good", "request")).block());
        assertEquals(1, real.calls.get());
        assertEquals(7, cached.getOrder(), "the wrapper keeps the validator's place in the order");
    }

    @Test
    void refusedTokenIsVerifiedEveryTime() {
        CountingValidator real = new CountingValidator();
        TokenValidator<String> cached = wrap(new EmitterSettings(), real);

        assertNull(Mono.from(cached.validateToken("bad", "request")).block());
        assertNull(Mono.from(cached.validateToken("bad", "request")).block());
        assertEquals(2, real.calls.get());
    }

    @Test
    void zeroCacheSizeLeavesTheValidatorAsItIs() {
        EmitterSettings settings = new EmitterSettings();
        settings.setVerifiedTokenCacheSize(0);
        CountingValidator real = new CountingValidator();
        assertSame(real, wrap(settings, real));
    }

    private static TokenValidator<String> wrap(EmitterSettings settings, TokenValidator<String> real) {
        return new TokenCaching(settings).cached(real);
    }

    /** Accepts the token "good", refuses everything else, and counts how often it was asked. */
    private final class CountingValidator implements TokenValidator<String> {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Publisher<Authentication> validateToken(String token, String request) {
            calls.incrementAndGet();
            return token.equals("good") ? Mono.just(accepted) : Flux.empty();
        }

        @Override
        public int getOrder() {
            return 7;
        }
    }
}
