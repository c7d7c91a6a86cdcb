package org.rostersync.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A file saved with semicolons, tabs or bars instead of commas is refused in one issue that says so, and changes nothing. */
@ExtendWith(RunningApp.class)
class WrongDelimiterTest {

    @Test
    void aSemicolonDelimitedUsersFileFailsTheRunWithOneIssueNamingTheDelimiterAndTheRosterStaysAsItWas(RunningApp.App app)
            throws IOException {
        Fixture f = Fixture.create(app, "Semicolons").withoutSafeguards();
        f.deliver(Fixture.SAMPLE);
        assertEquals("succeeded", f.run().get("status"));

        // as a spreadsheet saves "CSV" where the decimal mark is a comma; the Polish teacher's name changes too
        f.deliver("users.csv", Files.readString(Fixture.SAMPLE.resolve("users.csv")).replace("Łukasz", "Lukas").replace(",", ";"));
        Map<String, Object> run = f.run();
        assertEquals("failed", run.get("status"), run.toString());
        List<Map<String, Object>> issues = PipelineTest.issues(app, run);
        assertEquals(1, issues.size(), issues.toString());
        Map<String, Object> issue = issues.get(0);
        assertEquals("csv.wrong_delimiter", issue.get("code"));
        assertEquals("fatal", issue.get("outcome"));
        assertEquals("users.csv", issue.get("file"));
        assertEquals(1, ((Number) issue.get("line")).intValue());
        assertEquals(";", issue.get("value"));
        assertEquals("users.csv is delimited by semicolons (;), not commas: its header reads as one column, so none of its rows"
                + " can be read. Export it as comma-separated CSV, as OneRoster requires", issue.get("message"));

        Map<?, ?> teacher = (Map<?, ?>) f.oneRoster("/users/tch-002").map().get("user");
        assertEquals("Łukasz", teacher.get("givenName"), "nothing was applied");
        assertTrue(((List<?>) f.oneRoster("/users?limit=1000").map().get("users")).size() >= 50, "every user is still there");
    }
}
