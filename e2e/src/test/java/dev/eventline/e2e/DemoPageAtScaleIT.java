package dev.eventline.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.eventline.infra.kafka.FreePorts;
import dev.eventline.infra.token.DevTokens;
import dev.eventline.schemas.catalog.TopicCatalog;
import dev.eventline.schemas.kafka.CatalogTopics;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The demo page with a school's worth of data, in headless chromium at desktop and phone widths: 3,000
 * assignments stay one page of 25 rows, notifications collapse by group key with how many are new,
 * live rows wait behind "N new" while the reader is on a later page, and nothing is wider than the
 * screen. Screenshots of both widths go to the e2e artifacts.
 */
@ExtendWith(KafkaBrokerExtension.class)
class DemoPageAtScaleIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int ASSIGNMENTS = 3_000;
    private static final int BATCH = 500;

    private static PlatformProcesses platform;
    private static HeadlessChromium browser;

    @TempDir
    static Path browserProfile;

    private static DevTokens tokens;

    @BeforeAll
    static void start(TestKafka kafka) throws Exception {
        if (!HeadlessChromium.installed()) {
            fail("browser tests need Debian's chromium and chromium-driver (.ci/run installs them)");
        }
        CatalogTopics.ensure(kafka.bootstrapServers(), TopicCatalog.load(), (short) 1);
        String secret = DevTokens.randomSecret();
        tokens = new DevTokens(secret);
        int streamPort = FreePorts.next();
        platform = new PlatformProcesses(
                kafka.bootstrapServers(), secret, streamPort, PlatformProcesses.cors("http://127.0.0.1:" + streamPort));
        browser = new HeadlessChromium(browserProfile);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void threeThousandAssignmentsStayOnePageAtDesktopAndPhoneWidths() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
        EmitClient producer = new EmitClient(
                platform.emitterUrl(), tokens.mint("producer", tenant, List.of("producer"), Duration.ofMinutes(10)));
        emitAssignments(producer);
        for (int i = 0; i < 12; i++) {
            created(producer.post(notification("n-r" + i, "INFO", "Reminder " + i, "reminders")));
        }
        created(producer.post(notification("n-u", "URGENT", "Fire drill", null)));

        browser.resize(1280, 900);
        browser.open(platform.streamUrl() + "/demo/#subscriber="
                + tokens.mint("teacher-1", tenant, List.of("teacher"), Duration.ofMinutes(10))
                + "&producer=" + tokens.mint("producer", tenant, List.of("producer"), Duration.ofMinutes(10))
                + "&emitter=" + platform.emitterUrl());
        awaitText("#dashboard .pager-range", "1–25 of " + ASSIGNMENTS);
        assertEquals(25, rows().size(), "one page of the table");
        assertEquals("Assignment 2999 of the autumn term: fractions, decimals and percentages", firstTitle());
        // Twelve reminders are one group: its newest, and how many of them are new.
        awaitText("#notifications", "Reminder 11: Check the marking list");
        WebElement group = browser.driver().findElement(By.cssSelector("#notifications li.group"));
        assertTrue(group.getText().contains("12 new"), group.getText());
        assertEquals("13", browser.driver().findElement(By.id("unread")).getText());
        // The raw cursor is a developer's detail: hidden until asked for.
        assertFalse(browser.driver().findElement(By.id("cursor")).isDisplayed());
        // Pagers and "N new" only where there is something to page or something new.
        assertFalse(browser.driver()
                .findElement(By.cssSelector("#notifications-view .pager"))
                .isDisplayed());
        assertFalse(browser.driver()
                .findElement(By.cssSelector("#dashboard .pager-new"))
                .isDisplayed());
        assertNoHorizontalScroll("desktop");
        browser.screenshot(artifacts().resolve("demo-3000-desktop.png"));

        // On page 2, a new assignment waits behind "1 new" instead of pushing the rows down.
        browser.driver().findElement(By.cssSelector("#dashboard .pager-next")).click();
        awaitText("#dashboard .pager-range", "26–50 of " + ASSIGNMENTS);
        created(producer.assignment("a-live"));
        awaitText("#dashboard .pager-range", "of " + (ASSIGNMENTS + 1));
        awaitText("#dashboard .pager-new", "1 new");
        browser.driver().findElement(By.cssSelector("#dashboard .pager-new")).click();
        awaitText("#dashboard .pager-range", "1–25 of " + (ASSIGNMENTS + 1));
        assertEquals("a-live", firstTitle());

        browser.resize(390, 844);
        browser.await("phone layout", WAIT, d -> ((Number) browser.eval("return window.innerWidth")).intValue() <= 400);
        assertEquals(25, rows().size());
        assertNoHorizontalScroll("phone");
        browser.eval("window.scrollTo(0, 0)");
        browser.screenshot(artifacts().resolve("demo-3000-phone.png"));
        browser.resize(1280, 900);
    }

    private static void emitAssignments(EmitClient producer) throws Exception {
        for (int from = 0; from < ASSIGNMENTS; from += BATCH) {
            List<String> batch = new ArrayList<>();
            for (int i = from; i < from + BATCH; i++) {
                batch.add("{\"type\":\"assignment.created\",\"recordId\":\"a-" + i + "\",\"payload\":{\"title\":"
                        + "\"Assignment " + i + " of the autumn term: fractions, decimals and percentages\","
                        + "\"classId\":\"7b\",\"status\":\"PUBLISHED\"}}");
            }
            created(producer.post("[" + String.join(",", batch) + "]"));
        }
    }

    private static String notification(String recordId, String kind, String title, String groupKey) {
        return "{\"type\":\"notification.created\",\"recordId\":\"" + recordId + "\",\"audience\":[\"user:teacher-1\"],"
                + "\"payload\":{\"kind\":\"" + kind + "\",\"title\":\"" + title + "\",\"message\":"
                + "\"Check the marking list\"" + (groupKey == null ? "" : ",\"groupKey\":\"" + groupKey + "\"") + "}}";
    }

    private static void created(HttpResponse<String> response) {
        assertEquals(201, response.statusCode(), response.body());
    }

    private static List<WebElement> rows() {
        return browser.driver().findElements(By.cssSelector("#assignments tr"));
    }

    private static String firstTitle() {
        return browser.driver()
                .findElement(By.cssSelector("#assignments tr td:first-child"))
                .getText();
    }

    /** Nothing on the page is wider than the window: text wraps, the grid folds to one column. */
    private static void assertNoHorizontalScroll(String what) {
        long scrollWidth = ((Number) browser.eval("return document.documentElement.scrollWidth")).longValue();
        long width = ((Number) browser.eval("return document.documentElement.clientWidth")).longValue();
        assertTrue(scrollWidth <= width, what + ": page is " + scrollWidth + " px wide in a " + width + " px window");
    }

    private static void awaitText(String selector, String text) {
        browser.await(selector + " shows '" + text + "'", WAIT, d -> d.findElement(By.cssSelector(selector))
                .getText()
                .contains(text));
    }

    private static Path artifacts() {
        return Path.of(System.getProperty("eventline.e2e.artifacts", "target/e2e"));
    }
}
