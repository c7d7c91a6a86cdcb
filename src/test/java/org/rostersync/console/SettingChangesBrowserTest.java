package org.rostersync.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rostersync.support.Browser;
import org.rostersync.support.Console;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every change of a source's settings, from the console or the admin API, shows on the source's page and its tenant's,
 * newest first, with who made it and each field before and after; a secret only as "changed"; a refused change not at all.
 */
@ExtendWith(RunningApp.class)
class SettingChangesBrowserTest {

    private static final String PASSWORD = "a long enough password";

    @Test
    void changesFromTheConsoleAndTheApiShowOnTheSourcesPageWithWhoBeforeAndAfterButNeverASecret(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Audit district");
        String operator = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        Console.createOperator(app, operator, PASSWORD, f.tenantId());
        try (Browser browser = Browser.open(app)) {
            Clipboard.allow(browser, app.baseUrl());
            browser.go("/console/login").signIn(operator, PASSWORD);

            // a refused change records nothing
            browser.go("/console/sources/" + f.sourceId() + "/safeguards");
            browser.find("#maxDeletedPercent").clear();
            browser.find("#maxDeletedPercent").sendKeys("150");
            browser.submit("#save-safeguards");
            assertTrue(browser.find("#maxDeletedPercent-error").isDisplayed());
            RunningApp.Response refusedByApi = app.adminPut("/api/sources/" + f.sourceId() + "/schedule", "{\"timeZone\":\"EST\"}");
            assertEquals(400, refusedByApi.status(), refusedByApi.toString());
            browser.go("/console/sources/" + f.sourceId());
            List<String> creation = rows(browser);
            assertEquals(1, creation.size(), "only the source's creation: " + creation);
            assertTrue(creation.get(0).contains("admin") && creation.get(0).contains("Source"), creation.get(0));

            browser.go("/console/sources/" + f.sourceId() + "/safeguards");
            browser.find("#maxDeletedPercent").clear();
            browser.find("#maxDeletedPercent").sendKeys("5");
            browser.submit("#save-safeguards");
            assertEquals(200, app.adminPut("/api/sources/" + f.sourceId() + "/schedule",
                    "{\"timeZone\":\"America/Chicago\",\"startTime\":\"03:30\"}").status());
            browser.go("/console/sources/" + f.sourceId() + "/sftp");
            browser.submit("#reset-password");
            String generated = browser.find("#generated-password").getText();
            browser.find("#copy-generated-password").click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(5))
                    .until(d -> !browser.find("#copy-generated-password-status").getText().isEmpty());
            assertEquals(generated, Clipboard.read(browser), "the new SFTP password's copy button");

            browser.go("/console/sources/" + f.sourceId());
            List<String> shown = rows(browser);
            assertEquals(4, shown.size(), shown.toString());
            assertTrue(shown.get(0).contains(operator) && shown.get(0).contains("SFTP account"), shown.get(0));
            assertEquals(Map.of("before", "set", "after", "changed"), field(browser, 0, "password"));
            assertFalse(browser.driver().getPageSource().contains(generated), "never the password");
            assertTrue(shown.get(1).contains("admin") && shown.get(1).contains("Schedule"), shown.get(1));
            assertEquals(Map.of("before", "America/New_York", "after", "America/Chicago"), field(browser, 1, "timeZone"));
            assertEquals(Map.of("before", "02:00", "after", "03:30"), field(browser, 1, "startTime"));
            assertTrue(shown.get(2).contains(operator) && shown.get(2).contains("Safeguards"), shown.get(2));
            assertEquals(Map.of("before", "10", "after", "5"), field(browser, 2, "maxDeletedPercent"));
            assertEquals(1, browser.all("#setting-changes tbody tr:nth-child(3) li").size(), "only what changed");
            Clipboard.screenshot(browser, "source-changes");

            browser.find("a[href='/console/sources/" + f.sourceId() + "/changes']").click();
            assertEquals("page", browser.find("#section-changes").getAttribute("aria-current"));
            assertEquals(shown, rows(browser));

            browser.go("/console/tenants/" + f.tenantId());
            List<String> tenant = rows(browser);
            assertTrue(tenant.get(0).contains("Audit district SIS: SFTP account"), tenant.get(0));
            assertTrue(tenant.stream().anyMatch(r -> r.contains("API client")), "the fixture's API client: " + tenant);
            ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                    .executeScript("document.getElementById('changes-title').scrollIntoView()");
            Clipboard.screenshot(browser, "tenant-changes");
        }
        // the same log in the admin API
        Map<String, Object> latest = app.adminGet("/api/sources/" + f.sourceId() + "/setting-changes?limit=1").list().get(0);
        assertEquals(operator, latest.get("changedBy"));
        assertEquals("SFTP account", latest.get("setting"));
    }

    private static List<String> rows(Browser browser) {
        return browser.all("#setting-changes tbody tr").stream().map(WebElement::getText).toList();
    }

    /** A field of the n-th change shown (0: the newest), before and after. */
    private static Map<String, String> field(Browser browser, int row, String field) {
        WebElement item = browser.find("#setting-changes tbody tr:nth-child(" + (row + 1) + ") li[data-field='" + field + "']");
        return Map.of("before", item.findElement(org.openqa.selenium.By.cssSelector(".before")).getText(),
                "after", item.findElement(org.openqa.selenium.By.cssSelector(".after")).getText());
    }
}
