package dev.eventline.stream.http;

import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.cors.CorsOriginConfiguration;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CORS headers of a stream the direct writer answers itself ({@link DirectSseSink} bypasses the
 * framework's response, and so its CORS filter): the same as the framework sends from the same
 * configuration ({@code micronaut.server.cors}). An origin not listed gets none. Immutable, thread-safe.
 */
@Singleton
final class BrowserOrigins {

    private final HttpServerConfiguration.CorsConfiguration cors;

    BrowserOrigins(HttpServerConfiguration server) {
        this.cors = server.getCors();
    }

    /** The headers for a request from {@code origin} (null: not a cross-origin request); none if not allowed. */
    Map<String, String> headersFor(String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (origin == null || !cors.isEnabled()) {
            return headers;
        }
        for (CorsOriginConfiguration configuration : cors.getConfigurations().values()) {
            // Exact origins only: with credentials a wildcard would hand any site the user's stream.
            if (configuration.getAllowedOrigins().contains(origin)) {
                headers.put("Access-Control-Allow-Origin", origin);
                if (configuration.isAllowCredentials()) {
                    headers.put("Access-Control-Allow-Credentials", "true");
                }
                if (!configuration.getExposedHeaders().isEmpty()) {
                    headers.put("Access-Control-Expose-Headers", String.join(", ", configuration.getExposedHeaders()));
                }
                headers.put("Vary", "Origin");
                return headers;
            }
        }
        return headers;
    }
}
