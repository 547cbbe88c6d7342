package dev.eventline.stream.auth;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Reads a stream ticket from {@code ?ticket=} on the stream endpoint only, so tickets (which end up in
 * URLs) open streams and nothing else. The value is verified like any JWT by Micronaut Security.
 */
@Singleton
public final class TicketTokenReader implements TokenReader<HttpRequest<?>> {

    private static final String STREAM_PATH = "/v1/stream";

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        if (!STREAM_PATH.equals(request.getPath())) {
            return Optional.empty();
        }
        return request.getParameters().getFirst("ticket");
    }
}
