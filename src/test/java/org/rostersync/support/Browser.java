package org.rostersync.support;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Debian's headless Chromium, driven through its own chromedriver: never a browser or driver fetched at test time.
 * CI (CI=true) installs both and must run these tests, so there a missing one fails; on a developer's machine
 * without them the test is skipped, saying what to install.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Where the screenshots of the main pages go, for people to review. */
    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    /** How long {@link #find} waits for an element the page has not shown yet. */
    private static final Duration FIND_WAIT = Duration.ofSeconds(5);

    private static final Dimension WINDOW = new Dimension(1366, 900);

    private final ChromeDriver driver;
    private final String baseUrl;
    private final Path downloads;

    private Browser(ChromeDriver driver, String baseUrl, Path downloads) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.downloads = downloads;
    }

    public static Browser open(RunningApp.App app) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String why = "the console's browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)";
            if (System.getenv("CI") != null) {
                Assertions.fail(why);
            }
            Assumptions.abort(why);
        }
        Path downloads;
        try {
            downloads = Files.createTempDirectory("console-downloads");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriver driver = Idle.BROWSERS.take();
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        return new Browser(driver, app.baseUrl(), downloads);
    }

    /**
     * The JVM's Chromiums between tests: starting one (a browser, its renderers and a chromedriver) costs about a second
     * of CPU, and the console's tests open some thirty. A browser comes back with its cookies and cache cleared and
     * on a blank page, as a new one would be; one that cannot be brought back so (a second window, an open dialog)
     * is quit. The rest are quit when the JVM ends.
     */
    private static final class Idle {

        static final Idle BROWSERS = new Idle();

        private final Deque<ChromeDriver> idle = new ConcurrentLinkedDeque<>();

        private Idle() {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> idle.forEach(Idle::quit), "browsers-quit"));
        }

        ChromeDriver take() {
            ChromeDriver driver = idle.poll();
            return driver != null ? driver : launch();
        }

        void giveBack(ChromeDriver driver) {
            try {
                if (driver.getWindowHandles().size() != 1) {
                    quit(driver);
                    return;
                }
                driver.get("about:blank");
                driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
                driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
                driver.manage().window().setSize(WINDOW);
                driver.manage().timeouts().implicitlyWait(FIND_WAIT);
                idle.push(driver);
            } catch (WebDriverException e) {
                quit(driver);
            }
        }

        private static void quit(ChromeDriver driver) {
            try {
                driver.quit();
            } catch (WebDriverException alreadyGone) {
                // nothing left to stop
            }
        }

        private static ChromeDriver launch() {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.setExperimentalOption("prefs", Map.of("download.prompt_for_download", false));
            // no sandbox as root; nothing of Google's to reach from a closed network; a profile of its own per browser
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--window-size=" + WINDOW.width + "," + WINDOW.height, "--lang=en-US");
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().implicitlyWait(FIND_WAIT);
            return driver;
        }
    }

    public Browser go(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /**
     * The elements the loaded page has now, without waiting: the pages are rendered by the server, and a list a test
     * expects to be empty would otherwise cost {@link #FIND_WAIT} each time.
     */
    public java.util.List<WebElement> all(String css) {
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        try {
            return driver.findElements(By.cssSelector(css));
        } finally {
            driver.manage().timeouts().implicitlyWait(FIND_WAIT);
        }
    }

    public String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(baseUrl) ? url.substring(baseUrl.length()) : url;
    }

    public String title() {
        return driver.getTitle();
    }

    /** Fills the sign-in form and sends it. */
    public Browser signIn(String username, String password) {
        find("#username").clear();
        find("#username").sendKeys(username);
        find("#password").sendKeys(password);
        return submit("form[action='/console/login'] button[type=submit]");
    }

    /**
     * Clicks a button that sends a form, and waits until the next page has replaced this one and is loaded. The old page
     * is marked and the wait is for a page without the mark: asking whether the button went stale races with the
     * navigation (Chromium may answer that the node "does not belong to the document" instead of "stale").
     */
    public Browser submit(String buttonCss) {
        WebElement button = find(buttonCss);
        ((JavascriptExecutor) driver).executeScript("window.rostersyncOldPage = true");
        button.click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(WebDriverException.class)
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                        "return window.rostersyncOldPage === undefined && document.readyState === 'complete'")));
        return this;
    }

    /** Saves what the browser shows now as target/console-screenshots/NAME.png. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file the browser downloaded under this name, once it has arrived whole (waits up to 10 s). */
    public Path download(String name) throws InterruptedException {
        Path file = downloads.resolve(name);
        for (int i = 0; i < 200; i++) {
            if (Files.exists(file) && !Files.exists(downloads.resolve(name + ".crdownload"))) {
                return file;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no download " + name + " in " + downloads + ": " + java.util.Arrays.toString(downloads.toFile().list()));
    }

    public WebDriver driver() {
        return driver;
    }

    /** Gives the browser back for the next test, cleared, or quits it. */
    @Override
    public void close() {
        Idle.BROWSERS.giveBack(driver);
    }
}
