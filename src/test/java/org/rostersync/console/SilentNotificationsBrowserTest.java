package org.rostersync.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Dimension;
import org.rostersync.notify.NotificationsTest;
import org.rostersync.notify.NotifierLooks;
import org.rostersync.support.Browser;
import org.rostersync.support.Console;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Notifications are never silently off: the shared application has no mail server, so every page says so; a source
 * without recipients is marked on its pages and counted on the dashboard, with its held run that told nobody; and the
 * dashboard's summary line counts the day's runs against the day before.
 */
@ExtendWith(RunningApp.class)
class SilentNotificationsBrowserTest {

    private static final String PASSWORD = "a long enough password";

    @Test
    void everyPageSaysNoMailServerIsConfiguredAndASourceNobodyHearsOfIsMarkedWithItsHeldRun(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Silent district");
        NotificationsTest.deliverSchool(f, 20);
        Map<String, Object> first = f.run();
        assertEquals("succeeded", first.get("status"));
        f.deliver("users.csv", NotificationsTest.users(15));
        Map<String, Object> held = f.run();
        assertEquals("held", held.get("status"));
        NotifierLooks.lookAgain(app.context()); // its end is announced to nobody: the source has no recipients
        Console.createOperator(app, "sees-silence", PASSWORD, f.tenantId());

        try (Browser browser = Browser.open(app)) {
            browser.go("/console/login").signIn("sees-silence", PASSWORD);
            assertTrue(browser.find("#mail-banner").getText().startsWith("No mail server is configured: no email reaches anybody"),
                    browser.find("#mail-banner").getText());
            assertTrue(browser.find("#mail-banner").getText().contains("ROSTERSYNC_MAIL_HOST"), "says what to set");
            assertTrue(browser.find("#silent-sources").getText().startsWith("1 source tells nobody of its runs"),
                    browser.find("#silent-sources").getText());
            String row = browser.find("tr[data-source='" + f.sourceId() + "']").getText();
            assertTrue(row.contains("tells nobody: add recipients"), row);
            assertTrue(row.contains("Nobody was told of this run: the source has no recipients"), row);

            long records = 0;
            long issues = 0;
            for (Map<String, Object> run : List.of(first, held)) {
                for (Object o : (List<?>) run.get("files")) {
                    Map<?, ?> file = (Map<?, ?>) o;
                    records += ((Number) file.get("rows")).longValue();
                    issues += ((Number) file.get("errors")).longValue() + ((Number) file.get("warnings")).longValue()
                            + ((Number) file.get("skipped")).longValue();
                }
            }
            assertEquals("2 runs, " + records + " records read, " + issues + (issues == 1 ? " issue" : " issues"),
                    browser.find("#day-totals").getText());
            assertTrue(browser.find("#day-against").getText().startsWith("(0 the day before"), browser.find("#day-against").getText());
            assertTrue(browser.find("#summary-line").getText().contains("1 needs action"), browser.find("#summary-line").getText());
            browser.driver().manage().window().setSize(new Dimension(1366, 768));
            browser.screenshot("dashboard");

            browser.go("/console/sources/" + f.sourceId() + "/schedule");
            assertTrue(browser.find("#source-banner").getText().startsWith("Nobody hears of this source's runs: it has no notification"
                    + " recipients"), browser.find("#source-banner").getText());
            assertTrue(browser.all("#mail-banner").size() == 1, "on every page");
            browser.find("#source-banner a").click();
            assertEquals("/console/sources/" + f.sourceId() + "/notifications#recipients", browser.path());
        }
    }
}
