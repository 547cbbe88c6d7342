package dev.eventline.emitter.auth;

import dev.eventline.emitter.config.EmitterSettings;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.reactivestreams.Publisher;

/**
 * Puts {@link VerifiedTokens} in front of every token validator Micronaut Security creates, so a token
 * seen and accepted recently is not parsed and verified again (see {@link VerifiedTokens} for when an
 * entry stops answering).
 *
 * <p>Why a bean-creation listener: the JWT validator Micronaut registers is package-private, so it can
 * be wrapped but neither replaced nor extended. Security's authentication fetcher takes the validators
 * as a collection of {@link TokenValidator}, which is the only type the wrapper needs to keep.
 *
 * <p>Called once per validator at start-up; the wrapper is thread-safe and never blocks.
 */
@Singleton
public final class TokenCaching implements BeanCreatedEventListener<TokenValidator<?>> {

    private final VerifiedTokens tokens;

    /** Caching as configured by {@code eventline.emitter.verified-token-cache-size} and {@code -max-age}. */
    public TokenCaching(EmitterSettings settings) {
        this.tokens = new VerifiedTokens(
                settings.getVerifiedTokenCacheSize(), settings.getVerifiedTokenMaxAge(), Clock.systemUTC());
    }

    @Override
    public TokenValidator<?> onCreated(BeanCreatedEvent<TokenValidator<?>> event) {
        return cached(event.getBean());
    }

    /** The validator behind the cache, or the validator itself when caching is off. */
    <R> TokenValidator<R> cached(TokenValidator<R> validator) {
        return tokens.enabled() ? new Cached<>(validator, tokens) : validator;
    }

    /** Whether {@code validator} is one this listener put behind the cache. */
    static boolean isCached(TokenValidator<?> validator) {
        return validator instanceof Cached<?>;
    }

    /** Answers from the cache, else asks the real validator and remembers what it accepted. */
    private record Cached<R>(TokenValidator<R> validator, VerifiedTokens tokens) implements TokenValidator<R> {

        @Override
        public Publisher<Authentication> validateToken(String token, R request) {
            Authentication known = tokens.find(token);
            if (known != null) {
                return Publishers.just(known);
            }
            return Publishers.then(
                    validator.validateToken(token, request), authentication -> tokens.remember(token, authentication));
        }

        @Override
        public int getOrder() {
            return validator.getOrder();
        }
    }
}
