package org.rostersync.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.rostersync.support.Browser;
import org.rostersync.support.Console;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console in a real browser (headless Chromium), as an operator uses it in the morning. */
@ExtendWith(RunningApp.class)
class ConsoleBrowserTest {

    private static final String PASSWORD = "a long enough password";

    @Test
    void anOperatorSignsInSeesTheirSourcesLastRunAndSignsOut(RunningApp.App app) throws Exception {
        Fixture riverside = Fixture.create(app, "Riverside browser district");
        riverside.deliver(Fixture.SAMPLE);
        String status = (String) riverside.run().get("status");
        Fixture other = Fixture.create(app, "Other browser district");
        Console.createOperator(app, "riverside-staff", PASSWORD, riverside.tenantId());

        try (Browser browser = Browser.open(app)) {
            browser.go("/console");
            assertEquals("/console/login?next=%2Fconsole", browser.path(), "a page without a session asks to sign in");
            browser.screenshot("login");

            browser.signIn("riverside-staff", "not the password");
            assertTrue(browser.find("#login-error").getText().contains("Wrong username or password"));

            browser.signIn("riverside-staff", PASSWORD);
            assertEquals("/console", browser.path());
            assertEquals("Dashboard · rostersync", browser.title());
            WebElement row = browser.find("tr[data-source='" + riverside.sourceId() + "']");
            assertTrue(row.getText().contains("Riverside browser district"), row.getText());
            assertTrue(row.findElement(org.openqa.selenium.By.cssSelector(".status")).getText()
                    .equals(status.replace('_', ' ')), row.getText());
            assertTrue(row.getText().contains("8 files"), "the last delivery: " + row.getText());
            String issues = row.findElement(org.openqa.selenium.By.cssSelector(".issues")).getText();
            assertTrue(issues.matches("(?s)0\\s*0 errors, 0 warnings, 0 skipped"), "the issues, each kind counted: " + issues);
            row.findElement(org.openqa.selenium.By.cssSelector("details summary")).click();
            assertTrue(row.getText().contains("users.csv"), "the last delivery's files, opened: " + row.getText());
            assertTrue(browser.all("tr[data-source='" + other.sourceId() + "']").isEmpty(), "another tenant's source");
            assertTrue(Files.size(browser.screenshot("dashboard")) > 1000);

            // on a fresh page the keyboard's first stop is the way past the navigation, straight to the content
            browser.go("/console");
            new org.openqa.selenium.interactions.Actions(browser.driver()).sendKeys(Keys.TAB).perform();
            WebElement focused = browser.driver().switchTo().activeElement();
            assertEquals("Skip to content", focused.getText());

            browser.submit("form.signout button");
            assertTrue(browser.path().startsWith("/console/login"), browser.path());
            browser.go("/console");
            assertTrue(browser.path().startsWith("/console/login"), "signed out: " + browser.path());
        }
    }

    @Test
    void heldAndFailedRunsAreListedFirst(RunningApp.App app) {
        Fixture quiet = Fixture.create(app, "Aaa quiet district");
        quiet.deliver(Fixture.SAMPLE);
        quiet.run();
        Fixture broken = Fixture.create(app, "Zzz broken district");
        broken.deliver("users.csv", "not,a,roster\n");
        broken.run();
        Console.createOperator(app, "sorts-first", PASSWORD, null);

        try (Browser browser = Browser.open(app)) {
            browser.go("/console/login").signIn("sorts-first", PASSWORD);
            List<String> order = browser.all("tbody tr").stream().map(r -> r.getAttribute("data-source")).toList();
            int brokenAt = order.indexOf(broken.sourceId().toString());
            int quietAt = order.indexOf(quiet.sourceId().toString());
            assertTrue(brokenAt >= 0 && quietAt >= 0, order.toString());
            assertTrue(brokenAt < quietAt, "the failed run comes before the quiet one: " + order);
            assertFalse(browser.find("tr[data-source='" + broken.sourceId() + "']").getAttribute("class").isBlank());
        }
    }
}
