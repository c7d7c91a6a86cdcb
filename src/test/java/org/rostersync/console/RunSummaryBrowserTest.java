package org.rostersync.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.rostersync.support.Browser;
import org.rostersync.support.Console;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The summary at the top of a run's page, in a real browser: its groups, their links, and the report for the vendor. */
@ExtendWith(RunningApp.class)
class RunSummaryBrowserTest {

    private static final String PASSWORD = "a long enough password";

    @Test
    void theSummaryShowsSkippedGroupsFirstLinksEachToItsIssuesAndSendsTheReportToTheVendor(RunningApp.App app) throws Exception {
        Fixture f = Fixture.create(app, "Summary browser district");
        f.deliver(Path.of("samples", "oneroster-1.1", "broken"));
        Map<String, Object> run = f.run();
        Map<String, Object> summary = app.adminGet("/api/runs/" + run.get("id") + "/summary").map();
        List<?> groups = (List<?>) summary.get("groups");
        Console.createOperator(app, "reads-summary", PASSWORD, f.tenantId());

        try (Browser browser = Browser.open(app)) {
            browser.go("/console/login?next=%2Fconsole%2Fruns%2F" + run.get("id")).signIn("reads-summary", PASSWORD);
            assertTrue(browser.find("#summary-total").getText().startsWith(summary.get("total") + " issues: "),
                    browser.find("#summary-total").getText());
            List<WebElement> rows = browser.all("#summary-groups tbody tr");
            assertEquals(groups.size(), rows.size());
            assertEquals("skipped", rows.get(0).getAttribute("class"), "the records not imported come first");
            Map<?, ?> first = (Map<?, ?>) groups.get(0);
            assertTrue(rows.get(0).getText().contains((String) first.get("fix")), "the fix at the SIS: " + rows.get(0).getText());
            assertTrue(browser.find("#no-vendor-contacts").getText().contains("vendor contacts"), "says where to add them");
            assertEquals("1", browser.find("table.issues tbody tr td.num").getText(), "issues are numbered from 1");
            browser.driver().manage().window().setSize(new Dimension(1366, 768));
            browser.screenshot("run-summary");

            rows.get(0).findElement(org.openqa.selenium.By.cssSelector("a.group-issues")).click();
            List<WebElement> listed = browser.all("table.issues tbody tr");
            assertEquals(((Number) first.get("count")).intValue(), listed.size(), "the link lists the group's issues, and only them");
            assertTrue(listed.stream().allMatch(r -> r.getText().contains((String) first.get("code"))), "of its code");

            assertEquals(200, app.adminPut("/api/sources/" + f.sourceId() + "/vendor-contacts",
                    "{\"contacts\":[{\"name\":\"SIS team\",\"email\":\"sis@district.test\"}]}").status());
            browser.go("/console/runs/" + run.get("id"));
            assertTrue(browser.find("#vendor-report").getText().contains("SIS team <sis@district.test>"),
                    browser.find("#vendor-report").getText());
            browser.submit("#send-vendor-report");
            assertTrue(browser.find("#vendor-report-notice").getText().startsWith("The report is queued for sis@district.test"),
                    browser.find("#vendor-report-notice").getText());
            List<Map<String, Object>> outbox = app.adminGet("/api/sources/" + f.sourceId() + "/emails").list();
            assertEquals("vendor_report", outbox.get(0).get("kind"));
            assertEquals(List.of("sis@district.test"), outbox.get(0).get("recipients"));

            browser.find("#download-vendor-report").click();
            String report = Files.readString(browser.download("run-" + run.get("id") + "-report.txt"), StandardCharsets.UTF_8);
            assertTrue(report.contains("Source: Summary browser district SIS\n"), report);
            assertTrue(report.contains("  Fix at the SIS: " + first.get("fix") + "\n"), report);
        }
    }
}
