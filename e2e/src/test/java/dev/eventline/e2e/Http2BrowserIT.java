package dev.eventline.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.eventline.infra.kafka.FreePorts;
import dev.eventline.infra.stack.ServiceProcess;
import dev.eventline.infra.tls.DevCertificate;
import dev.eventline.infra.token.DevTokens;
import dev.eventline.schemas.catalog.TopicCatalog;
import dev.eventline.schemas.kafka.CatalogTopics;
import dev.eventline.testkit.kafka.BulkEvents;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why the stream serves HTTP/2: a dashboard with ten live widgets (ten EventSources on one origin) in
 * Chromium. Over HTTP/2 (TLS, ALPN) all ten share one connection and all receive events; with HTTP/2
 * switched off the browser holds at most six connections per origin, and the seventh source never
 * opens.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Http2BrowserIT {

    private static final int SOURCES = 10;
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Chromium's limit of HTTP/1.1 connections to one origin (per profile). */
    private static final int HTTP1_CONNECTIONS_PER_ORIGIN = 6;

    @TempDir
    static Path folder;

    private ServiceProcess stream;
    private BulkEvents events;
    private DevTokens tokens;

    @BeforeAll
    void start(TestKafka kafka) throws Exception {
        if (!HeadlessChromium.installed()) {
            fail("browser tests need Debian's chromium and chromium-driver (.ci/run installs them)");
        }
        CatalogTopics.ensure(kafka.bootstrapServers(), TopicCatalog.load(), (short) 1);
        String secret = DevTokens.randomSecret();
        tokens = new DevTokens(secret);
        Path logs = Path.of(System.getProperty("eventline.e2e.artifacts", "target/e2e"));
        Path stack = Path.of(System.getProperty("eventline.stack.dir", "target/stack"));
        DevCertificate certificate = DevCertificate.create(folder.resolve("localhost.p12"));
        stream = new ServiceProcess(
                        "stream-service-tls",
                        PlatformProcesses.stackJar(stack, "stream-service"),
                        FreePorts.next(),
                        logs)
                .withTls(certificate);
        stream.start(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                kafka.bootstrapServers(),
                "EVENTLINE_JWT_SECRET",
                secret,
                "EVENTLINE_SNAPSHOT_ENABLED",
                "false"));
        String problem = stream.awaitHealthy(Duration.ofSeconds(90));
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        events = BulkEvents.likeTheEmitter(kafka.bootstrapServers());
    }

    @AfterAll
    void stop() {
        if (events != null) {
            events.close();
        }
        if (stream != null) {
            stream.stop();
        }
    }

    @Test
    void tenEventSourcesOnOneOriginAllReceiveEventsOverHttp2() throws Exception {
        String tenant = "t-" + UUID.randomUUID();
        try (HeadlessChromium browser = browser("h2")) {
            openSources(browser, tenant);
            browser.await("all sources open", WAIT, d -> count(browser, "opened") == SOURCES);
            events.send(tenant, "a-1", "over HTTP/2");
            events.flush();
            browser.await("every source got the event", WAIT, d -> count(browser, "received") == SOURCES);
            assertEquals("h2", protocol(browser), "the page and its streams came over HTTP/2");
        }
    }

    @Test
    void overHttp1TheSeventhSourceStalls() throws Exception {
        String tenant = "t-" + UUID.randomUUID();
        try (HeadlessChromium browser = browser("http1", "--disable-http2")) {
            openSources(browser, tenant);
            assertEquals("http/1.1", protocol(browser));
            browser.await("six sources open", WAIT, d -> count(browser, "opened") == HTTP1_CONNECTIONS_PER_ORIGIN);
            events.send(tenant, "a-1", "over HTTP/1.1");
            events.flush();
            browser.await(
                    "six sources got the event", WAIT, d -> count(browser, "received") == HTTP1_CONNECTIONS_PER_ORIGIN);
            // The rest wait for a connection that never frees up while the six streams last.
            Thread.sleep(3_000);
            assertEquals(HTTP1_CONNECTIONS_PER_ORIGIN, count(browser, "opened"), "the seventh source stalls");
        }
    }

    private HeadlessChromium browser(String profile, String... arguments) {
        String[] all = new String[arguments.length + 1];
        // The stack's self-signed development certificate; production has a real one.
        all[0] = "--ignore-certificate-errors";
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        return new HeadlessChromium(folder.resolve(profile), all);
    }

    /** Loads a page of the stream's origin and opens ten EventSources there, each with its own ticket. */
    private void openSources(HeadlessChromium browser, String tenant) {
        browser.open(stream.url() + "/health");
        String token = tokens.mint("teacher-1", tenant, List.of("teacher"), Duration.ofMinutes(10));
        browser.eval(
                """
                window.opened = 0; window.received = 0;
                const token = arguments[0], sources = arguments[1];
                (async () => {
                  const tickets = [];
                  for (let i = 0; i < sources; i++) {
                    const answer = await fetch('/v1/stream/tickets',
                        { method: 'POST', headers: { Authorization: 'Bearer ' + token } });
                    tickets.push((await answer.json()).ticket);
                  }
                  for (const ticket of tickets) {
                    const source = new EventSource('/v1/stream?topics=assignments&ticket=' + ticket);
                    source.addEventListener('connected', () => window.opened++);
                    source.addEventListener('assignment.created', () => window.received++);
                  }
                })();
                """,
                token,
                SOURCES);
    }

    /** The protocol the page itself was loaded over; its streams share the origin's connections. */
    private static String protocol(HeadlessChromium browser) {
        return (String) browser.eval("return performance.getEntriesByType('navigation')[0].nextHopProtocol");
    }

    private static long count(HeadlessChromium browser, String counter) {
        return ((Number) browser.eval("return window." + counter)).longValue();
    }
}
