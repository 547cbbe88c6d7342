package dev.eventline.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.eventline.infra.kafka.FreePorts;
import dev.eventline.infra.token.DevTokens;
import dev.eventline.schemas.catalog.TopicCatalog;
import dev.eventline.schemas.kafka.CatalogTopics;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import dev.eventline.testkit.token.TestIdentityProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production path of a browser, end to end: both services verify tokens only against an identity
 * provider's key set (RS256 over a real JWKS URL; no development secret anywhere), and a web app on
 * its own origin uses the browser client, imported from the stream's origin, against the stream on
 * that other origin. In one page: the snapshot, a ticket, the live stream from the snapshot's cursor,
 * resuming after the stream instance restarts, token refresh when the stream ends with
 * {@code auth-expired}, and, through a proxy that refuses event streams, the polling fallback. Every
 * event arrives exactly once, in order.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ProductionPathIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Short enough that the stream outlives a token within the test, so the client must refresh it. */
    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(20);

    @TempDir
    static Path browserProfile;

    @Test
    void aWebAppOnItsOwnOriginGetsSnapshotLiveResumeRefreshAndPolling(TestKafka kafka) throws Exception {
        if (!HeadlessChromium.installed()) {
            fail("browser tests need Debian's chromium and chromium-driver (.ci/run installs them)");
        }
        String bootstrap = kafka.bootstrapServers();
        CatalogTopics.ensure(bootstrap, TopicCatalog.load(), (short) 1);
        String tenant = "t-" + UUID.randomUUID();
        int streamPort = FreePorts.next();
        String stream = "http://127.0.0.1:" + streamPort;
        try (TestIdentityProvider idp = new TestIdentityProvider();
                StreamBlockingProxy proxy = new StreamBlockingProxy(FreePorts.next());
                WebAppOrigin app = new WebAppOrigin(
                        () -> page(stream, proxy.url()),
                        () -> idp.mint("teacher-7", tenant, List.of("teacher"), TOKEN_LIFETIME))) {
            Map<String, String> production = Map.of(
                    "MICRONAUT_SECURITY_TOKEN_JWT_SIGNATURES_JWKS_IDP_URL", idp.jwksUrl(),
                    "EVENTLINE_STREAM_TICKETS_SECRET", DevTokens.randomSecret(),
                    "EVENTLINE_CORS_ENABLED", "true",
                    "EVENTLINE_CORS_ORIGINS", app.origin());
            try (PlatformProcesses platform = new PlatformProcesses(bootstrap, production, streamPort, Map.of());
                    HeadlessChromium browser = new HeadlessChromium(browserProfile)) {
                proxy.forwardTo(platform.streamUrl());
                EmitClient producer = new EmitClient(
                        platform.emitterUrl(), idp.mint("grading", tenant, List.of("producer"), Duration.ofHours(1)));
                emit(producer, "a-1", "a-2", "a-3");

                browser.open(app.origin() + "/");
                await(browser, "the snapshot", "JSON.stringify(app.snapshot)", "[\"a-1\",\"a-2\",\"a-3\"]");
                await(browser, "the stream open", "app.states.includes('open')", true);
                assertNull(browser.eval("return app.error"));

                emit(producer, "b-1", "b-2");
                await(browser, "live events", "JSON.stringify(app.live)", "[\"b-1\",\"b-2\"]");
                await(browser, "polled events", "JSON.stringify(app.polled)", "[\"b-1\",\"b-2\"]");
                assertTrue((Boolean) browser.eval("return app.pollStates.includes('polling')"), "polling fallback");

                // The client's API: statistics, a reconnect from the cursor, polling switched off and on.
                assertEquals(
                        "open sse 2 true",
                        browser.eval("const s = app.sub.getStats(); return [s.state, s.transport, s.events,"
                                + " app.sub.isConnected()].join(' ')"));
                assertTrue((Boolean) browser.eval("const s = app.sub.getStats(); return s.connectedAt > 0"
                        + " && s.lagMs >= 0 && s.lastEventId !== null && s.lastHeartbeat >= s.connectedAt"));
                await(browser, "the proxied one polling", "app.proxied.getStats().transport", "polling");
                browser.eval("app.proxied.setPollingFallback(false); return null");
                await(browser, "polling switched off", "app.proxied.getStats().isPolling", false);
                browser.eval("app.proxied.setPollingFallback(true); return null");
                await(browser, "polling switched on again", "app.proxied.getStats().transport", "polling");
                browser.eval("app.sub.reconnect(); return null");
                await(browser, "a reconnect", "app.sub.getStats().reconnects", 1L);
                await(browser, "open again", "app.sub.isConnected()", true);
                // With pauseWhenHidden a hidden page holds no stream; shown again it resumes from its cursor.
                await(browser, "the pausing one open", "JSON.stringify(app.paused)", "[\"b-1\",\"b-2\"]");
                browser.eval(visibility("hidden"));
                await(browser, "paused while hidden", "app.pausing.getStats().state", "paused");

                platform.stopStream();
                emit(producer, "c-1");
                platform.startStream();
                // The browser says the network is back: waiting subscriptions try at once.
                browser.eval("window.dispatchEvent(new Event('online')); return null");
                await(browser, "resumed after the cut", "JSON.stringify(app.live)", "[\"b-1\",\"b-2\",\"c-1\"]");

                await(browser, "the token's end", "app.controls.includes('auth-expired')", true);
                emit(producer, "d-1");
                await(
                        browser,
                        "events after the refresh",
                        "JSON.stringify(app.live)",
                        "[\"b-1\",\"b-2\",\"c-1\",\"d-1\"]");
                await(browser, "and by polling", "JSON.stringify(app.polled)", "[\"b-1\",\"b-2\",\"c-1\",\"d-1\"]");
                assertEquals(
                        "[\"b-1\",\"b-2\"]", browser.eval("return JSON.stringify(app.paused)"), "nothing while hidden");
                browser.eval(visibility("visible"));
                await(browser, "resumed when shown", "JSON.stringify(app.paused)", "[\"b-1\",\"b-2\",\"c-1\",\"d-1\"]");
                long tokens = ((Number) browser.eval("return app.tokenCalls")).longValue();
                assertTrue(tokens >= 3, "tokens asked again after they expired: " + tokens);
                assertNull(browser.eval("return app.error"));
            }
        }
    }

    /** The page's visibility as the browser reports it when a tab goes to the background and back. */
    private static String visibility(String state) {
        return "Object.defineProperty(document, 'visibilityState', {configurable: true, get: () => '" + state + "'});"
                + " document.dispatchEvent(new Event('visibilitychange')); return null";
    }

    private static void emit(EmitClient producer, String... recordIds) throws Exception {
        for (String id : recordIds) {
            int status = producer.assignment(id).statusCode();
            assertEquals(201, status, "emit " + id);
        }
    }

    private static void await(HeadlessChromium browser, String what, String expression, Object expected) {
        browser.await(what, WAIT, d -> expected.equals(browser.eval("return " + expression)));
    }

    /**
     * The web app's page: imports the client from the stream's origin, reads the snapshot, then
     * subscribes from its cursor directly and, for the polling fallback, through the proxy.
     */
    private static String page(String stream, String proxy) {
        return """
                <!doctype html>
                <html><head><meta charset="utf-8"><title>A web app</title></head><body>
                <script type="module">
                import { EventlineClient } from 'STREAM/client/sse-client.js';
                window.app = { snapshot: null, live: [], polled: [], paused: [], states: [], pollStates: [], controls: [],
                               tokenCalls: 0, error: null };
                const token = async () => { app.tokenCalls++; return (await fetch('/token')).text(); };
                try {
                  const direct = new EventlineClient({ baseUrl: 'STREAM', token });
                  const snapshot = await direct.request('/v1/snapshot?topics=assignments');
                  app.snapshot = snapshot.records.map((r) => r.data.recordId).sort();
                  app.sub = direct.subscribe({
                    topics: ['assignments'], lastEventId: snapshot.cursor,
                    on: { 'assignment.': (event) => app.live.push(event.recordId) },
                    onState: (state) => app.states.push(state),
                    onControl: (name) => app.controls.push(name),
                  });
                  const pausing = new EventlineClient({ baseUrl: 'STREAM', token, pauseWhenHidden: true });
                  app.pausing = pausing.subscribe({
                    topics: ['assignments'], lastEventId: snapshot.cursor,
                    on: { 'assignment.': (event) => app.paused.push(event.recordId) },
                  });
                  const proxied = new EventlineClient({ baseUrl: 'PROXY', token, backoffBaseMs: 100,
                                                        failuresBeforePolling: 2, pollIntervalMs: 300 });
                  app.proxied = proxied.subscribe({
                    topics: ['assignments'], lastEventId: snapshot.cursor,
                    on: { 'assignment.': (event) => app.polled.push(event.recordId) },
                    onState: (state) => app.pollStates.push(state),
                  });
                } catch (error) {
                  app.error = String(error);
                }
                </script></body></html>
                """
                .replace("STREAM", stream)
                .replace("PROXY", proxy);
    }
}
