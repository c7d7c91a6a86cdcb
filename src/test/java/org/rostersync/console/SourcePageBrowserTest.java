package org.rostersync.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.support.ui.Select;
import org.rostersync.notify.NotificationsTest;
import org.rostersync.support.Browser;
import org.rostersync.support.Console;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A source's page: the chart of its runs, run now, and a data requirement changed that the next run applies. */
@ExtendWith(RunningApp.class)
class SourcePageBrowserTest {

    private static final String PASSWORD = "a long enough password";

    @Test
    void aDataRequirementChangedInTheConsoleIsAppliedByTheNextRun(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Requirements browser district").withoutSafeguards();
        NotificationsTest.deliverSchool(f, 3); // three students, none with an email
        assertEquals(0L, skipped(f.run(), "users.csv"));
        Console.createOperator(app, "sets-rules", PASSWORD, f.tenantId());

        try (Browser browser = Browser.open(app)) {
            browser.go("/console/login").signIn("sets-rules", PASSWORD);
            browser.find("tr[data-source='" + f.sourceId() + "'] th a").click();
            assertEquals("/console/sources/" + f.sourceId(), browser.path());
            assertEquals(1, browser.all("#run-chart rect.records").size(), "one bar per run");

            assertEquals(null, browser.find("#requirements-users").getAttribute("open"), "the defaults stay folded");
            assertTrue(browser.find("#requirements-users summary").getText().contains("all as the default"));
            assertTrue(browser.find("#requirements-form").getSize().getHeight() < 768, "the form fits a screen folded: "
                    + browser.find("#requirements-form").getSize());
            browser.find("#requirements-users summary").click();
            Select email = new Select(browser.find("select[name='users.email']"));
            assertEquals("none", email.getFirstSelectedOption().getText());
            assertTrue(browser.find("#users\\.email-default").getText().contains("default none"));
            email.selectByValue("skip");
            browser.find("#requirements-classes summary").click();
            Select otherSchools = new Select(browser.find("select[name='classes.schoolOfAnotherType']"));
            assertEquals(List.of("report", "skip"), otherSchools.getOptions().stream().map(o -> o.getText()).toList(),
                    "a class whose school is a department is imported with a warning or left out, never silently");
            assertEquals("skip", otherSchools.getFirstSelectedOption().getText());
            assertTrue(browser.find("#requirements-form").getText().contains("not of type school (a department, say)"));
            browser.submit("#save-requirements");
            assertTrue(browser.find("#notice").getText().startsWith("Saved"), browser.find("#notice").getText());
            assertEquals("skip", new Select(browser.find("select[name='users.email']")).getFirstSelectedOption().getText());
            assertEquals("true", browser.find("#requirements-users").getAttribute("open"), "a group with a rule of its own opens");
            assertTrue(browser.find("#requirements-users summary").getText().contains("1 set otherwise than the default"));

            browser.submit("#run-now");
            assertTrue(browser.path().startsWith("/console/runs/"), browser.path());
            String runId = browser.path().substring("/console/runs/".length());
            Map<String, Object> run = f.awaitEnd(runId);
            assertEquals(3L, skipped(run, "users.csv"), "every student without an email is skipped now: " + run);

            browser.go("/console/sources/" + f.sourceId());
            assertEquals(2, browser.all("#run-chart rect.records").size());
            assertEquals(2, browser.all("table.runs tbody tr").size());
            browser.screenshot("source");
        }
    }

    @Test
    void theDashboardCountsARunsIssuesAsTheSourcesChartDoesSkippedRecordsIncluded(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Counted issues district").withoutSafeguards();
        app.adminPut("/api/sources/" + f.sourceId() + "/data-requirements", "{\"users\":{\"email\":\"skip\"}}");
        NotificationsTest.deliverSchool(f, 4); // four students without an email: four skipped, no error or warning
        Map<String, Object> run = f.run();
        assertEquals(4L, skipped(run, "users.csv"));
        Console.createOperator(app, "counts-issues", PASSWORD, f.tenantId());
        try (Browser browser = Browser.open(app)) {
            browser.go("/console/login").signIn("counts-issues", PASSWORD);
            assertEquals("4\n0 errors, 0 warnings, 4 skipped", browser.find("tr[data-source='" + f.sourceId() + "'] td.issues").getText(),
                    "the total, and each kind under it");
            browser.go("/console/sources/" + f.sourceId());
            assertEquals("4", browser.find("table.runs td.issues").getText());
        }
    }

    @Test
    void aRuleThatIsNotOneOfTheThreeComesBackNextToItsFieldAndNothingIsSaved(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Bad rule district");
        Console console = Console.signedInAsNewOperator(app, "types-rules", PASSWORD, f.tenantId());
        String csrf = console.get("/console/sources/" + f.sourceId()).csrf();
        Console.Page refused = console.post("/console/sources/" + f.sourceId() + "/data-requirements",
                Map.of("_csrf", csrf, "users.email", "skip", "users.phone", "always"));
        assertEquals(400, refused.status());
        assertTrue(refused.body().contains("users.phone: &#39;always&#39; is not none, report or skip")
                || refused.body().contains("users.phone: 'always' is not none, report or skip"), refused.body());
        assertTrue(refused.body().contains("<option value=\"skip\" selected>skip</option>"), "what was sent is kept in the form");
        Map<String, Object> stored = app.adminGet("/api/sources/" + f.sourceId() + "/data-requirements").map();
        assertTrue(stored.toString().contains("attribute=email, rule=none"), "nothing was saved: " + stored);
    }

    private static long skipped(Map<String, Object> run, String file) {
        return ((List<?>) run.get("files")).stream().map(o -> (Map<?, ?>) o).filter(m -> file.equals(m.get("name")))
                .map(m -> ((Number) m.get("skipped")).longValue()).findFirst().orElseThrow();
    }
}
