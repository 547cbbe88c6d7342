package dev.eventline.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.eventline.infra.kafka.FreePorts;
import dev.eventline.infra.token.DevTokens;
import dev.eventline.schemas.catalog.TopicCatalog;
import dev.eventline.schemas.kafka.CatalogTopics;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One stream per browser: five tabs of a web app that subscribe alike share a single stream at the
 * server (its {@code eventline_stream_open} gauge says 1), and every tab gets every event. When the
 * leader's tab closes, another tab takes the stream over from its last cursor: events emitted during
 * the handover still reach every remaining tab exactly once.
 */
@ExtendWith(KafkaBrokerExtension.class)
class OneStreamPerBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int TABS = 5;

    @TempDir
    static Path browserProfile;

    @Test
    void fiveTabsShareOneStreamAndHandItOverWhenTheLeaderCloses(TestKafka kafka) throws Exception {
        if (!HeadlessChromium.installed()) {
            fail("browser tests need Debian's chromium and chromium-driver (.ci/run installs them)");
        }
        String bootstrap = kafka.bootstrapServers();
        CatalogTopics.ensure(bootstrap, TopicCatalog.load(), (short) 1);
        String tenant = "t-" + UUID.randomUUID();
        String secret = DevTokens.randomSecret();
        DevTokens tokens = new DevTokens(secret);
        int streamPort = FreePorts.next();
        String stream = "http://127.0.0.1:" + streamPort;
        try (WebAppOrigin app = new WebAppOrigin(
                () -> page(stream), () -> tokens.mint("teacher-1", tenant, List.of("teacher"), Duration.ofHours(1)))) {
            Map<String, String> env = Map.of(
                    "EVENTLINE_JWT_SECRET",
                    secret,
                    "EVENTLINE_CORS_ENABLED",
                    "true",
                    "EVENTLINE_CORS_ORIGINS",
                    app.origin());
            try (PlatformProcesses platform = new PlatformProcesses(bootstrap, env, streamPort, Map.of());
                    HeadlessChromium browser = new HeadlessChromium(browserProfile)) {
                EmitClient producer = new EmitClient(
                        platform.emitterUrl(), tokens.mint("lms", tenant, List.of("producer"), Duration.ofHours(1)));
                List<String> tabs = new ArrayList<>();
                for (int i = 0; i < TABS; i++) {
                    tabs.add(browser.openTab(app.origin() + "/"));
                }
                for (String tab : tabs) {
                    browser.switchTo(tab);
                    await(browser, "the tab receiving", "app.sub.isConnected()", true);
                    assertNull(browser.eval("return app.error"));
                }
                awaitOpenStreams(browser, platform, 1);

                emit(producer, "a-1", "a-2", "a-3");
                for (String tab : tabs) {
                    browser.switchTo(tab);
                    await(
                            browser,
                            "every event in every tab",
                            "JSON.stringify(app.events)",
                            "[\"a-1\",\"a-2\",\"a-3\"]");
                }
                String leader = null;
                for (String tab : tabs) {
                    browser.switchTo(tab);
                    if ("leader".equals(browser.eval("return app.sub.getStats().shared"))) {
                        assertNull(leader, "one leader");
                        leader = tab;
                    }
                }
                assertEquals(tabs.get(0), leader, "the first tab took the lock");

                browser.closeTab(leader);
                tabs.remove(leader);
                emit(producer, "a-4", "a-5");
                for (String tab : tabs) {
                    browser.switchTo(tab);
                    await(
                            browser,
                            "events after the handover, once each",
                            "JSON.stringify(app.events)",
                            "[\"a-1\",\"a-2\",\"a-3\",\"a-4\",\"a-5\"]");
                }
                awaitOpenStreams(browser, platform, 1);
                long leaders = 0;
                for (String tab : tabs) {
                    browser.switchTo(tab);
                    leaders += "leader".equals(browser.eval("return app.sub.getStats().shared")) ? 1 : 0;
                }
                assertEquals(1, leaders, "another tab took the stream over");
            }
        }
    }

    private static void emit(EmitClient producer, String... recordIds) throws Exception {
        for (String id : recordIds) {
            assertEquals(201, producer.assignment(id).statusCode(), "emit " + id);
        }
    }

    private static void await(HeadlessChromium browser, String what, String expression, Object expected) {
        browser.await(what, WAIT, d -> expected.equals(browser.eval("return " + expression)));
    }

    /** Waits until the stream instance's gauge of open streams says {@code expected}. */
    private static void awaitOpenStreams(HeadlessChromium browser, PlatformProcesses platform, long expected) {
        HttpClient http = HttpClient.newHttpClient();
        browser.await("open streams at the server: " + expected, WAIT, d -> {
            try {
                String metrics = http.send(
                                HttpRequest.newBuilder(URI.create(platform.streamUrl() + "/prometheus"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                return metrics.lines()
                        .filter(line -> line.startsWith("eventline_stream_open"))
                        .anyMatch(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) == expected);
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** The web app's page: the client from the stream's origin, shared across the tabs. */
    private static String page(String stream) {
        return """
                <!doctype html>
                <html><head><meta charset="utf-8"><title>Tabs</title></head><body>
                <script type="module">
                import { EventlineClient } from 'STREAM/client/sse-client.js';
                window.app = { events: [], error: null };
                try {
                  const token = async () => (await fetch('/token')).text();
                  const client = new EventlineClient({ baseUrl: 'STREAM', token, shareAcrossTabs: true });
                  app.sub = client.subscribe({
                    topics: ['assignments'],
                    on: { 'assignment.': (event) => app.events.push(event.recordId) },
                  });
                } catch (error) {
                  app.error = String(error);
                }
                </script></body></html>
                """
                .replace("STREAM", stream);
    }
}
