package dev.eventline.stream.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * The demo page's content security policy. The page carries development tokens in its URL fragment,
 * so nothing but its own files may run in it: scripts and styles from this origin only (it has no
 * inline ones), no plugins, no framing, no base or form targets. It fetches from the emitter, which is
 * on another origin, so connections may go to any http(s) origin.
 */
@ServerFilter("/demo/**")
public final class DemoPageHeaders {

    /** The policy of every demo response. */
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self' http: https:; object-src 'none'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    @ResponseFilter
    void protect(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("Content-Security-Policy", POLICY);
    }
}
