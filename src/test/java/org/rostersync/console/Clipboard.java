package org.rostersync.console;

import org.openqa.selenium.chrome.ChromeDriver;
import org.rostersync.support.Browser;

import java.time.Duration;
import java.util.Map;

/** What the console's copy buttons put on the clipboard, and screenshots at the size reviewers look at. */
final class Clipboard {

    private Clipboard() {
    }

    /** Lets the page read and write the clipboard, as a person's click on a copy button would be allowed to. */
    static void allow(Browser browser, String origin) {
        ((ChromeDriver) browser.driver()).executeCdpCommand("Browser.grantPermissions", Map.of("origin", origin,
                "permissions", java.util.List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    }

    /** The clipboard's text, read by the page. */
    static String read(Browser browser) {
        browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(5));
        return (String) ((ChromeDriver) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; navigator.clipboard.readText().then(done, e => done('failed: ' + e));");
    }

    /** A screenshot of a page shown at 1366×768, a laptop's screen (the page's own size, without the window's frame). */
    static void screenshot(Browser browser, String name) {
        ChromeDriver driver = (ChromeDriver) browser.driver();
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1366, "height", 768, "deviceScaleFactor", 1, "mobile", false));
        try {
            browser.screenshot(name);
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }
}
