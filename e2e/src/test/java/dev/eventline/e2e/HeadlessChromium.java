package dev.eventline.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver (no browser or driver downloads:
 * the machines have no way out). The flags keep chromium off the network it cannot reach.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;

    /**
     * Starts the browser with its profile in {@code profile}, a folder the caller owns and deletes, and
     * any {@code extraArguments} (a protocol switched off, a development certificate accepted).
     */
    HeadlessChromium(Path profile, String... extraArguments) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--no-first-run",
                "--window-size=1280,900",
                "--user-data-dir=" + profile);
        options.addArguments(extraArguments);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    /** True when both Debian packages (chromium, chromium-driver) are installed. */
    static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    /** Opens {@code url} in a fresh document (a change of the fragment alone would not reload). */
    void open(String url) {
        driver.get("about:blank");
        driver.get(url);
    }

    /** Opens {@code url} in a new tab, which becomes the current one; returns the tab's handle. */
    String openTab(String url) {
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(url);
        return driver.getWindowHandle();
    }

    /** Makes the tab {@code handle} the current one (scripts run there). */
    void switchTo(String handle) {
        driver.switchTo().window(handle);
    }

    /** Closes the tab {@code handle}, as a user closing it would. */
    void closeTab(String handle) {
        driver.switchTo().window(handle);
        driver.close();
    }

    /** Runs {@code script} in the page (its {@code arguments} are {@code args}) and returns its value. */
    Object eval(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * Waits until {@code condition} holds, polling the page; fails with {@code what} otherwise. An
     * element the page redrew between finding and reading it is looked up again at the next poll.
     */
    <T> T await(String what, Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout)
                .pollingEvery(Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class)
                .withMessage(what)
                .until(condition);
    }

    /** Sets the browser window's size in CSS pixels, as a desktop or a phone would have it. */
    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves a screenshot of the page as {@code file}. */
    void screenshot(Path file) throws IOException {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.createDirectories(file.getParent());
        Files.copy(shot.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    WebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
