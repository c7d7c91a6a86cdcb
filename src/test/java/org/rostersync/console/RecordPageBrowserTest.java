package org.rostersync.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Browser;
import org.rostersync.support.Console;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Why did this student vanish from this class?": an operator finds the student, sees the enrollment withdrawn, and the
 * run that withdrew it; the admin API answers the same.
 */
@ExtendWith(RunningApp.class)
class RecordPageBrowserTest {

    private static final String PASSWORD = "a long enough password";
    private static final String WITHDRAWN = "enr-lin-g3-hr-stu-001";

    /** The minimal sample imported, then again without Zoë Müller's homeroom enrollment and with her email changed. */
    private static Map<String, Object> withdrawnFromHomeroom(Fixture f) {
        f.deliver(Fixture.SAMPLE);
        assertEquals("succeeded", f.run().get("status"));
        f.deliver("enrollments.csv", sample("enrollments.csv").lines().filter(l -> !l.startsWith(WITHDRAWN + ","))
                .reduce((a, b) -> a + "\n" + b).orElseThrow() + "\n");
        f.deliver("users.csv", sample("users.csv").replace("s001@students.riverside.example.org", "zoe.muller@students.riverside.example.org"));
        Map<String, Object> second = f.run();
        assertTrue(((String) second.get("status")).startsWith("succeeded"), second.toString());
        return second;
    }

    private static String sample(String name) {
        try {
            return Files.readString(Fixture.SAMPLE.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anOperatorFindsAStudentAndTheRunThatWithdrewHerFromAClass(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Record district");
        Map<String, Object> second = withdrawnFromHomeroom(f);
        Console.createOperator(app, "finds-records", PASSWORD, f.tenantId());

        try (Browser browser = Browser.open(app)) {
            browser.go("/console/login").signIn("finds-records", PASSWORD);
            browser.find("#nav-records").click();
            browser.find("#record-query").sendKeys("Müller");
            browser.submit("#record-search");
            List<String> found = browser.all("#record-results tbody tr").stream().map(r -> r.getText()).toList();
            assertTrue(found.stream().anyMatch(r -> r.startsWith("users.csv stu-001 Zoë Müller org-sch-lincoln active")), found.toString());
            browser.screenshot("record-search");
            browser.find("#record-results a[href*='sourcedId=stu-001']").click();

            assertEquals("active", browser.find("#record-status").getText());
            assertTrue(browser.find(".record-values").getText().contains("zoe.muller@students.riverside.example.org"));
            String enrollment = browser.all("#related-list tbody tr").stream().map(r -> r.getText())
                    .filter(r -> r.startsWith(WITHDRAWN)).findFirst().orElseThrow();
            assertTrue(enrollment.contains("student of Zoë Müller in Grade 3 Homeroom, Room 12"), enrollment);
            assertTrue(enrollment.endsWith("tobedeleted"), enrollment);
            List<String> history = browser.all("#history-list tbody tr").stream().map(r -> r.getText()).toList();
            assertEquals(2, history.size(), history.toString());
            assertTrue(history.get(0).contains("changed email: s001@students.riverside.example.org → zoe.muller@students.riverside.example.org"),
                    history.toString());
            assertTrue(history.get(1).contains("inserted"), history.toString());
            browser.screenshot("record-user");

            browser.find("#related-list a[href*='sourcedId=" + WITHDRAWN + "']").click();
            assertEquals("tobedeleted", browser.find("#record-status").getText());
            assertTrue(browser.find("#history-list tbody tr").getText().contains("withdrawn"));
            browser.find("#history-list tbody tr a").click();
            assertEquals("/console/runs/" + second.get("id"), browser.path(), "the run that withdrew it");
        }
    }

    @Test
    void theAdminApiFindsRecordsAndServesTheirHistory(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Record API district");
        Map<String, Object> second = withdrawnFromHomeroom(f);
        String base = "/api/tenants/" + f.tenantId() + "/records";
        List<Map<String, Object>> byEmail = app.adminGet(base + "?q=ZOE.MULLER@students.riverside.example.org").list();
        assertEquals(List.of("stu-001"), byEmail.stream().map(r -> r.get("sourcedId")).toList(), "an email in any case");
        assertEquals("stu-001", app.adminGet(base + "?q=100001").list().get(0).get("sourcedId"), "by identifier");
        assertEquals(WITHDRAWN, app.adminGet(base + "?q=" + WITHDRAWN).list().get(0).get("sourcedId"), "by sourcedId");

        Map<String, Object> view = app.adminGet(base + "/enrollments?sourcedId=" + WITHDRAWN).map();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history = (List<Map<String, Object>>) view.get("history");
        assertEquals("withdrawn", ((Map<?, ?>) history.get(0).get("change")).get("op"));
        assertEquals(second.get("id"), ((Map<?, ?>) history.get(0).get("change")).get("runId"));
        assertEquals(List.of("stu-001", "cls-lin-g3-hr"), ((List<?>) view.get("related")).stream().map(r -> ((Map<?, ?>) r).get("sourcedId")).toList());

        assertEquals(404, app.adminGet(base + "/users?sourcedId=nobody").status());
        RunningApp.Response badEntity = app.adminGet(base + "/pupils?sourcedId=stu-001");
        assertEquals(400, badEntity.status(), badEntity.toString());
        assertEquals("entity", badEntity.map().get("field"));
        RunningApp.Response noQuery = app.adminGet(base + "?q=%20");
        assertEquals(400, noQuery.status());
        assertEquals("q", noQuery.map().get("field"));
        assertEquals(404, app.adminGet("/api/tenants/" + java.util.UUID.randomUUID() + "/records?q=x").status());
    }

    @Test
    void aTenantOperatorFindsNothingOfAnotherTenant(RunningApp.App app) {
        Fixture theirs = Fixture.create(app, "Foreign record district");
        theirs.deliver(Fixture.SAMPLE);
        theirs.run();
        Fixture mine = Fixture.create(app, "Own record district");
        Console console = Console.signedInAsNewOperator(app, "own-records-only", PASSWORD, mine.tenantId());
        Console.Page search = console.get("/console/records?tenant=" + theirs.tenantId() + "&q=stu-001");
        assertFalse(search.body().contains("Zoë"), "its own tenant is searched, not the one asked for");
        assertEquals(404, console.get("/console/records/" + theirs.tenantId() + "/users?sourcedId=stu-001").status());
    }
}
