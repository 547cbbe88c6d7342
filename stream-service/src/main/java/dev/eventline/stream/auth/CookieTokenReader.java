package dev.eventline.stream.auth;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Reads the token from the {@value #COOKIE} cookie, for same-site browser apps whose EventSource
 * sends cookies but no headers. Verified like any JWT by Micronaut Security.
 */
@Singleton
public final class CookieTokenReader implements TokenReader<HttpRequest<?>> {

    /** The cookie name. */
    public static final String COOKIE = "eventline_token";

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue);
    }
}
