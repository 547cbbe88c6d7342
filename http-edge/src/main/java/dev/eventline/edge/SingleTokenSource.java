package dev.eventline.edge;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.order.OrderUtil;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.DefaultTokenResolver;
import io.micronaut.security.token.reader.HttpHeaderTokenReader;
import io.micronaut.security.token.reader.TokenReader;
import io.micronaut.security.token.reader.TokenResolver;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Exactly one token counts per request. With an {@code Authorization} header, only its bearer token
 * (none when the header is not a bearer token): an invalid header never falls back to another
 * identity, such as the browser's cookie. Without one, the first token the other readers find (a
 * stream ticket, then the cookie, by their order). The framework's resolver instead tries every token
 * it finds until one verifies. Stateless, thread-safe.
 */
@Singleton
@Replaces(DefaultTokenResolver.class)
public final class SingleTokenSource implements TokenResolver<HttpRequest<?>> {

    private final List<TokenReader<HttpRequest<?>>> headers = new ArrayList<>();
    private final List<TokenReader<HttpRequest<?>>> others = new ArrayList<>();

    /** Over every token reader of the application. */
    public SingleTokenSource(Collection<TokenReader<HttpRequest<?>>> readers) {
        List<TokenReader<HttpRequest<?>>> ordered = new ArrayList<>(readers);
        OrderUtil.sort(ordered);
        for (TokenReader<HttpRequest<?>> reader : ordered) {
            (reader instanceof HttpHeaderTokenReader ? headers : others).add(reader);
        }
    }

    @Override
    public Optional<String> resolveToken(HttpRequest<?> request) {
        List<TokenReader<HttpRequest<?>>> readers =
                request.getHeaders().contains(HttpHeaders.AUTHORIZATION) ? headers : others;
        for (TokenReader<HttpRequest<?>> reader : readers) {
            Optional<String> token = reader.findToken(request);
            if (token.isPresent()) {
                return token;
            }
        }
        return Optional.empty();
    }

    @Override
    public List<String> resolveTokens(HttpRequest<?> request) {
        return resolveToken(request).stream().toList();
    }
}
