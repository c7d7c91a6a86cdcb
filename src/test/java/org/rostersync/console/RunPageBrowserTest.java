package org.rostersync.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.rostersync.notify.NotificationsTest;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run's page in a real browser: its counts, its issues filtered and downloaded, approving a held run. */
@ExtendWith(RunningApp.class)
class RunPageBrowserTest {

    private static final String PASSWORD = "a long enough password";

    @Test
    void theIssuesOfARunAreFilteredAndDownloadedAsCsv(RunningApp.App app) throws Exception {
        Fixture f = Fixture.create(app, "Broken browser district");
        f.deliver(Path.of("samples", "oneroster-1.1", "broken"));
        Map<String, Object> run = f.run();
        List<Map<?, ?>> all = ((List<?>) app.adminGet("/api/runs/" + run.get("id") + "/issues?limit=1000").map().get("issues"))
                .stream().<Map<?, ?>>map(i -> (Map<?, ?>) i).toList();
        long skipped = all.stream().filter(i -> "skipped".equals(i.get("outcome"))).count();
        assertTrue(skipped > 0 && skipped < all.size(), "the sample has skips and other issues: " + all);
        Console.createOperator(app, "reads-issues", PASSWORD, f.tenantId());

        try (Browser browser = Browser.open(app)) {
            browser.go("/console/login").signIn("reads-issues", PASSWORD);
            browser.find("tr[data-source='" + f.sourceId() + "'] a[href^='/console/runs/']").click();
            assertEquals("/console/runs/" + run.get("id"), browser.path());
            assertEquals(all.size() + " issues.", browser.find("#issue-count").getText().split("\n")[0].replaceAll(" *Download.*", ""));
            WebElement users = browser.find("table.counts tr[data-file='users.csv']");
            assertTrue(users.getText().startsWith("users.csv bulk"), users.getText());
            browser.screenshot("run");

            new Select(browser.find("#filter-outcome")).selectByValue("skipped");
            browser.submit("#filter-apply");
            List<WebElement> rows = browser.all("table.issues tbody tr");
            assertEquals(skipped, rows.size());
            assertTrue(rows.stream().allMatch(r -> "skipped".equals(r.getAttribute("class"))), "only skipped issues");
            assertEquals("skipped", new Select(browser.find("#filter-outcome")).getFirstSelectedOption().getText(), "the filter is kept");

            String someone = (String) all.stream().filter(i -> i.get("sourcedId") != null).findFirst().orElseThrow().get("sourcedId");
            browser.go("/console/runs/" + run.get("id"));
            browser.find("#filter-sourcedid").sendKeys(someone);
            browser.submit("#filter-apply");
            assertTrue(browser.all("table.issues tbody tr").stream().allMatch(r -> r.getText().contains(someone)));
            assertFalse(browser.all("table.issues tbody tr").isEmpty(), someone + " " + browser.path() + " "
                    + browser.find("#issue-count").getText());

            browser.find("#download-issues").click();
            Path csv = browser.download("run-" + run.get("id") + "-issues.csv");
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            assertEquals("file,line,sourcedId,column,code,outcome,message,value", lines.get(0));
            assertEquals(all.size() + 1, lines.size(), "a header and every issue (none has a line break): " + lines);
            assertTrue(lines.stream().anyMatch(l -> l.contains(someone)));
        }
    }

    @Test
    void aHeldRunShowsTheSafeguardsNumbersAndIsApprovedFromItsPage(RunningApp.App app) throws Exception {
        Fixture f = Fixture.create(app, "Held browser district");
        NotificationsTest.deliverSchool(f, 20);
        assertEquals("succeeded", f.run().get("status"));
        f.deliver("users.csv", NotificationsTest.users(15));
        Map<String, Object> held = f.run();
        assertEquals("held", held.get("status"));
        Console.createOperator(app, "approves", PASSWORD, f.tenantId());

        try (Browser browser = Browser.open(app)) {
            browser.go("/console/login?next=%2Fconsole%2Fruns%2F" + held.get("id")).signIn("approves", PASSWORD);
            assertEquals("/console/runs/" + held.get("id"), browser.path());
            assertTrue(browser.find("#findings").getText().contains("users.csv would delete 5 of 20 active records (25.0%, limit 10%)"),
                    browser.find("#findings").getText());
            browser.screenshot("held-run");
            assertEquals("What approving would do", browser.find("#changes").getText());
            assertEquals(List.of("users.csv withdrawn u15 Ann Lee s1", "users.csv withdrawn u16 Ann Lee s1", "users.csv withdrawn u17 Ann Lee s1",
                    "users.csv withdrawn u18 Ann Lee s1", "users.csv withdrawn u19 Ann Lee s1"),
                    browser.all("#change-list tbody tr").stream().map(r -> r.getText().strip()).toList(), "the records approving would withdraw");
            new Select(browser.find("#change-op")).selectByValue("inserted");
            browser.submit("#change-apply");
            assertEquals("No change matches.", browser.find("#no-matching-changes").getText());
            new Select(browser.find("#change-op")).selectByValue("withdrawn");
            browser.submit("#change-apply");
            assertEquals(5, browser.all("#change-list tbody tr").size());
            browser.screenshot("held-run-changes");
            browser.find("#download-changes").click();
            List<String> csv = Files.readAllLines(browser.download("run-" + held.get("id") + "-changes.csv"), StandardCharsets.UTF_8);
            assertEquals(List.of("file,op,sourcedId,name,school,field,before,after", "users.csv,withdrawn,u15,Ann Lee,s1,,,",
                    "users.csv,withdrawn,u16,Ann Lee,s1,,,", "users.csv,withdrawn,u17,Ann Lee,s1,,,", "users.csv,withdrawn,u18,Ann Lee,s1,,,",
                    "users.csv,withdrawn,u19,Ann Lee,s1,,,"), csv);

            browser.submit("#approve");
            assertTrue(browser.find("#notice").getText().startsWith("Approved"), browser.find("#notice").getText());
            assertFalse(browser.find("#run-message").getText().contains("held by the safeguards"),
                    "the held message is gone once approved: " + browser.find("#run-message").getText());
            Map<String, Object> afterApproval = app.adminGet("/api/runs/" + held.get("id")).map();
            if (!"succeeded".equals(afterApproval.get("status"))) {
                assertFalse(browser.find(".facts").getText().contains("Finished"), "no finish time until it finishes again");
            }
        }
        Map<String, Object> after = f.awaitEnd((String) held.get("id"));
        try (Browser browser = Browser.open(app)) {
            browser.go("/console/login?next=%2Fconsole%2Fruns%2F" + held.get("id")).signIn("approves", PASSWORD);
            assertEquals("What this run changed", browser.find("#changes").getText());
            assertEquals(5, browser.all("#change-list tbody tr.withdrawn").size(), "the same changes, applied");
        }
        assertEquals("succeeded", after.get("status"));
        assertEquals("approves", after.get("decidedBy"), "the run records who approved it");
        Map<?, ?> users = ((List<?>) after.get("files")).stream().map(o -> (Map<?, ?>) o)
                .filter(file -> "users.csv".equals(file.get("name"))).findFirst().orElseThrow();
        assertEquals(5, ((Number) users.get("deleted")).intValue(), "the approved run applied the deletions: " + users);
    }

    @Test
    void aTenantOperatorCannotOpenAnotherTenantsRun(RunningApp.App app) {
        Fixture mine = Fixture.create(app, "Own runs district");
        Fixture theirs = Fixture.create(app, "Foreign runs district");
        theirs.deliver(Fixture.SAMPLE);
        Map<String, Object> foreign = theirs.run();
        Console console = Console.signedInAsNewOperator(app, "own-runs-only", PASSWORD, mine.tenantId());
        for (String path : new String[]{"", "/issues.csv", "/files/users.csv"}) {
            Console.Page page = console.get("/console/runs/" + foreign.get("id") + path);
            assertEquals(404, page.status(), path);
            assertFalse(page.body().contains("Foreign runs district"), page.body());
        }
        Console.Page discard = console.post("/console/runs/" + foreign.get("id") + "/discard",
                Map.of("_csrf", console.get("/console").csrf()));
        assertEquals(404, discard.status());
    }
}
