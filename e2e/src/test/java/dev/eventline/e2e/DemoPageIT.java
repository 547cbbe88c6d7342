package dev.eventline.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The demo page and the browser client in headless chromium, against the platform's own jars and a
 * real broker: live events from the emit buttons, resume across a stream-service restart, reset and
 * re-hydration, refusal, the polling fallback, and the badge's states.
 */
@ExtendWith(KafkaBrokerExtension.class)
class DemoPageIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOPICS = "assignments,submissions,feedback,files,notifications,activity";

    private static PlatformProcesses platform;
    private static StreamBlockingProxy proxy;
    private static HeadlessChromium browser;

    // The browser's profile: JUnit deletes it after the class, once the browser has quit.
    @TempDir
    static Path browserProfile;

    private static DevTokens tokens;
    private static String bootstrap;

    @BeforeAll
    static void start(TestKafka kafka) throws Exception {
        if (!HeadlessChromium.installed()) {
            fail("browser tests need Debian's chromium and chromium-driver: apt-get install chromium chromium-driver"
                    + " (.ci/run installs them)");
        }
        bootstrap = kafka.bootstrapServers();
        CatalogTopics.ensure(bootstrap, TopicCatalog.load(), (short) 1);
        String secret = DevTokens.randomSecret();
        tokens = new DevTokens(secret);
        int streamPort = FreePorts.next();
        proxy = new StreamBlockingProxy(FreePorts.next());
        platform = new PlatformProcesses(
                bootstrap,
                secret,
                streamPort,
                PlatformProcesses.cors("http://127.0.0.1:" + streamPort + "," + proxy.url()));
        proxy.forwardTo(platform.streamUrl());
        browser = new HeadlessChromium(browserProfile);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void liveEventsFromTheEmitButtonsRender() throws Exception {
        String tenant = tenant();
        String page = demoUrl(platform.streamUrl(), tenant, "teacher", "");
        browser.open(page);
        awaitBadge("live");
        // Honest from the first paint: connecting, then live; never "reconnecting" before it ever was live.
        assertEquals(List.of("connecting", "live"), badges());

        click("emit-assignment");
        awaitText("#assignments", "Fractions");
        click("emit-submission");
        browser.await("submission counted", WAIT, d -> d.findElement(By.cssSelector("#assignments tr td:nth-child(3)"))
                .getText()
                .equals("1"));
        click("emit-feedback");
        awaitText("#feedback", "Clear working; check the last step.");
        click("emit-urgent");
        browser.await("urgent toast", WAIT, d -> !d.findElements(By.cssSelector("#toasts .toast"))
                .isEmpty());
        awaitText("#unread", "1");
        click("emit-file");
        browser.await("file processed", WAIT, d -> "100"
                .equals(d.findElement(By.cssSelector("#files progress")).getDomProperty("value")));
        awaitText("#files", "ready (finalization) 100%");
        click("emit-activity");
        awaitText("#activity", "viewed assignment");
        // The envelope's actor: the user the producer acted for, beside the producer itself.
        awaitText("#activity", "teacher-1 (via producer)");

        browser.screenshot(artifacts().resolve("demo-page.png"));

        // A reload lists the urgent notification again but pops no toast: it is not news.
        browser.open(page);
        awaitBadge("live");
        awaitText("#unread", "1");
        assertTrue(
                browser.driver().findElements(By.cssSelector("#toasts .toast")).isEmpty(),
                "no toast for a notification from the snapshot");

        // Read, it stays listed after a reload, text and all, and no longer counts as unread.
        browser.driver().findElement(By.cssSelector("#notifications li.unread")).click();
        awaitText("#unread", "0");
        browser.open(page);
        awaitBadge("live");
        awaitText("#notifications", "Fire drill: Leave the building now");
        assertEquals("0", browser.driver().findElement(By.id("unread")).getText());
        assertEquals(
                1,
                browser.driver()
                        .findElements(By.cssSelector("#notifications li.urgent.read"))
                        .size());
    }

    @Test
    void pageResumesAfterAStreamServiceRestartWithoutMissingAnEvent() throws Exception {
        String tenant = tenant();
        String producer = tokens.mint("producer", tenant, List.of("producer"), Duration.ofMinutes(10));
        browser.open(demoUrl(platform.streamUrl(), tenant, "teacher", "&failuresBeforePolling=1000&backoffMaxMs=1500"));
        awaitBadge("live");
        for (int i = 0; i < 3; i++) {
            emitAssignment(producer, "r-" + i);
        }
        awaitReceived(3);

        platform.stopStream();
        for (int i = 3; i < 8; i++) {
            emitAssignment(producer, "r-" + i);
        }
        platform.startStream();

        awaitReceived(8);
        awaitBadge("live");
        List<String> received = receivedRecordIds();
        assertEquals(8, received.size(), "each event exactly once: " + received);
        assertEquals(8, new HashSet<>(received).size(), "no duplicates: " + received);
        for (int i = 0; i < 8; i++) {
            assertTrue(received.contains("r-" + i), "r-" + i + " missing from " + received);
        }
        assertSubsequence(List.of("live", "reconnecting", "live"), badges());
    }

    @Test
    void resetRebuildsThePageFromASnapshot() throws Exception {
        String tenant = tenant();
        String producer = tokens.mint("producer", tenant, List.of("producer"), Duration.ofMinutes(10));
        String cursor = replayCursor(tenant);
        JsonNode last = null;
        for (int i = 0; i < 3; i++) {
            last = emitAssignment(producer, "gone-" + i);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteRecords(Map.of(
                            new TopicPartition(
                                    "assignments", last.get("partition").asInt()),
                            RecordsToDelete.beforeOffset(last.get("offset").asLong() + 1)))
                    .all()
                    .get();
        }
        emitAssignment(producer, "kept-0");

        browser.open(demoUrl(platform.streamUrl(), tenant, "teacher", "&lastEventId=" + cursor));

        browser.await(
                "re-hydration after reset",
                WAIT,
                d -> ((Number) browser.eval("return eventlineDemo.resets")).intValue() >= 1);
        awaitText("#assignments", "kept-0");
        awaitText("#notice", "rebuilt");
        awaitBadge("live");
        // Rebuilt from the snapshot, then live from its cursor: each record once, new events arrive.
        emitAssignment(producer, "after-reset");
        awaitText("#assignments", "after-reset");
        assertEquals(
                1,
                browser.driver()
                        .findElements(By.cssSelector("#assignments tr[data-record-id='kept-0']"))
                        .size());
    }

    @Test
    void aLateOpeningPageShowsTheCurrentStateThenFollowsLive() throws Exception {
        String tenant = tenant();
        String producer = tokens.mint("producer", tenant, List.of("producer"), Duration.ofMinutes(10));
        emitAssignment(producer, "early-0");
        emitAssignment(producer, "early-1");
        emit(producer, "{\"type\":\"assignment.deleted\",\"recordId\":\"early-0\",\"payload\":{}}");

        browser.open(demoUrl(platform.streamUrl(), tenant, "teacher", ""));
        awaitText("#assignments", "early-1");
        awaitBadge("live");
        emitAssignment(producer, "late-0");
        awaitText("#assignments", "late-0");
        assertEquals(List.of("early-1", "late-0"), receivedRecordIds());
    }

    @Test
    void aPupilOnTheTeachersPageIsRefusedAndThePageShowsWhyAndOffersARetry() {
        browser.open(demoUrl(platform.streamUrl(), tenant(), "pupil", "&view=teacher"));
        awaitBadge("offline");
        awaitText("#problem", "403");
        assertTrue(badges().contains("offline"));
        assertTrue(
                browser.driver()
                        .findElements(By.cssSelector(".controls button"))
                        .isEmpty(),
                "a pupil emits nothing");

        click("retry");
        browser.await(
                "a second attempt", WAIT, d -> ((Number) browser.eval("return eventlineDemo.retries")).intValue() == 1);
        awaitBadge("offline");
        awaitText("#problem", "403");
    }

    @Test
    void theProjectPageShowsOneProjectsJobsSourcesAndProposalsToItsMembersOnly() throws Exception {
        String tenant = tenant();
        String producer = tokens.mint("producer", tenant, List.of("producer"), Duration.ofMinutes(10));
        browser.open(
                demoUrl(platform.streamUrl(), tenant, "member", List.of("project:p-1"), "&view=project&project=p-1"));
        awaitBadge("live");
        assertTrue(browser.driver().findElements(By.id("dashboard")).isEmpty(), "no teacher dashboard here");
        // Another project's job, addressed to its own members: never on this page.
        emit(
                producer,
                "{\"type\":\"job.progress\",\"recordId\":\"job-p2\",\"audience\":[\"group:project:p-2\"],"
                        + "\"payload\":{\"projectId\":\"p-2\",\"stage\":\"secret\",\"current\":1,\"total\":2}}");
        click("emit-job");
        awaitText("#jobs", "indexing: 1/5");
        click("emit-source");
        awaitText("#sources", "handbook.pdf: ready");
        click("emit-proposal");
        awaitText("#proposals", "Link chapter 3 to the syllabus (82%)");
        assertFalse(receivedRecordIds().contains("job-p2"), receivedRecordIds().toString());
        assertFalse(browser.driver().findElement(By.id("jobs")).getText().contains("secret"));
        browser.screenshot(artifacts().resolve("demo-project-page.png"));
    }

    @Test
    void thePupilPageShowsWhatIsAddressedToThePupilAndHasNothingToEmit() throws Exception {
        String tenant = tenant();
        String producer = tokens.mint("producer", tenant, List.of("producer"), Duration.ofMinutes(10));
        // No view asked for: the pupil's role chooses the pupil's page.
        browser.open(demoUrl(platform.streamUrl(), tenant, "pupil", List.of("class:7b"), ""));
        awaitBadge("live");
        assertEquals("pupil", browser.eval("return eventlineDemo.view"));
        assertTrue(
                browser.driver()
                        .findElements(By.cssSelector(".controls button"))
                        .isEmpty(),
                "a pupil emits nothing");
        emit(producer, file("f-teacher", "user:teacher-1"));
        emit(producer, file("f-pupil", "user:pupil-1"));
        emit(
                producer,
                "{\"type\":\"notification.created\",\"recordId\":\"n-class\",\"audience\":[\"group:class:7b\"],"
                        + "\"payload\":{\"kind\":\"INFO\",\"title\":\"Trip\",\"message\":\"Bring a coat\"}}");
        awaitText("#notifications", "Trip: Bring a coat");
        awaitText("#files", "f-pupil.pdf");
        // Two topics: their events may interleave either way.
        assertEquals(
                List.of("f-pupil", "n-class"),
                receivedRecordIds().stream().sorted().toList());
    }

    @Test
    void pollingFallbackDeliversWhenStreamsAreBlocked() throws Exception {
        String tenant = tenant();
        String producer = tokens.mint("producer", tenant, List.of("producer"), Duration.ofMinutes(10));
        browser.open(demoUrl(proxy.url(), tenant, "teacher", "&failuresBeforePolling=2&pollMs=300&backoffMaxMs=300"));
        awaitBadge("polling");
        emitAssignment(producer, "polled-0");
        emitAssignment(producer, "polled-1");
        awaitText("#assignments", "polled-1");
        awaitText("#assignments", "polled-0");
        assertEquals(List.of("polled-0", "polled-1"), receivedRecordIds());
    }

    private static String demoUrl(String base, String tenant, String role, String extra) {
        return demoUrl(base, tenant, role, List.of(), extra);
    }

    /** The demo page for user {@code <role>-1} whose token's groups claim names {@code groups}. */
    private static String demoUrl(String base, String tenant, String role, List<String> groups, String extra) {
        String subscriber = tokens.mint(role + "-1", tenant, List.of(role), groups, Duration.ofMinutes(10));
        String producer = tokens.mint("producer", tenant, List.of("producer"), Duration.ofMinutes(10));
        return base + "/demo/#subscriber=" + subscriber + "&producer=" + producer + "&emitter=" + platform.emitterUrl()
                + extra;
    }

    /** A processed file addressed to {@code entry}; its name is the record id. */
    private static String file(String recordId, String entry) {
        return "{\"type\":\"file.progress\",\"recordId\":\"" + recordId + "\",\"audience\":[\"" + entry + "\"],"
                + "\"payload\":{\"fileName\":\"" + recordId + ".pdf\",\"status\":\"READY\",\"progress\":100}}";
    }

    private static JsonNode emitAssignment(String producer, String recordId) throws Exception {
        return created(new EmitClient(platform.emitterUrl(), producer).assignment(recordId));
    }

    private static JsonNode emit(String producer, String body) throws Exception {
        return created(new EmitClient(platform.emitterUrl(), producer).post(body));
    }

    private static JsonNode created(HttpResponse<String> response) throws Exception {
        assertEquals(201, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static String replayCursor(String tenant) throws Exception {
        String teacher = tokens.mint("teacher-1", tenant, List.of("teacher"), Duration.ofMinutes(10));
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(platform.streamUrl() + "/v1/events?topics=" + TOPICS))
                        .header("Authorization", "Bearer " + teacher)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("cursor").asText();
    }

    private static void click(String id) {
        browser.driver().findElement(By.id(id)).click();
    }

    private static void awaitText(String selector, String text) {
        browser.await(selector + " shows '" + text + "'", WAIT, d -> d.findElement(By.cssSelector(selector))
                .getText()
                .contains(text));
    }

    private static void awaitBadge(String badge) {
        browser.await(
                "badge " + badge,
                Duration.ofSeconds(60),
                d -> badge.equals(d.findElement(By.id("badge")).getDomAttribute("data-state")));
    }

    private static void awaitReceived(int count) {
        browser.await(
                count + " events received",
                Duration.ofSeconds(60),
                d -> ((Number) browser.eval("return eventlineDemo.received.length")).intValue() >= count);
    }

    @SuppressWarnings("unchecked")
    private static List<String> receivedRecordIds() {
        return (List<String>) browser.eval("return eventlineDemo.received.map(r => r.recordId)");
    }

    @SuppressWarnings("unchecked")
    private static List<String> badges() {
        return (List<String>) browser.eval("return eventlineDemo.badges");
    }

    private static void assertSubsequence(List<String> expected, List<String> actual) {
        int at = 0;
        for (String value : actual) {
            if (at < expected.size() && expected.get(at).equals(value)) {
                at++;
            }
        }
        assertEquals(expected.size(), at, "expected " + expected + " in order within " + actual);
    }

    private static Path artifacts() {
        return Path.of(System.getProperty("eventline.e2e.artifacts", "target/e2e"));
    }

    private static String tenant() {
        return "tenant-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
