package org.rostersync.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Console;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every tab of a source is a page of its own, marked as the current one, and none of them shows another tenant's source. */
@ExtendWith(RunningApp.class)
class SourceSectionsTest {

    private static final String PASSWORD = "a long enough password";

    @Test
    void theRunsHeadingCountsOnlyRunsThereAre(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Counted district");
        Console console = Console.signedInAsNewOperator(app, "counted", PASSWORD, f.tenantId());
        String before = console.get("/console/sources/" + f.sourceId()).body();
        assertTrue(before.contains("<h2>Runs</h2>") && before.contains("No run yet."), before);
        assertFalse(before.contains("Last 0 runs"), before);
        f.deliver(Fixture.SAMPLE);
        f.awaitEnd((String) app.adminPost("/api/sources/" + f.sourceId() + "/runs", null).map().get("id"));
        assertTrue(console.get("/console/sources/" + f.sourceId()).body().contains("<h2>The last run</h2>"));
    }

    @Test
    void everySectionAnswersWithItselfMarkedAndAnotherTenantsSourceIsNotFoundOnEvery(RunningApp.App app) {
        Fixture mine = Fixture.create(app, "Tabbed district");
        Fixture theirs = Fixture.create(app, "Hidden tabbed district");
        Console console = Console.signedInAsNewOperator(app, "tabs", PASSWORD, mine.tenantId());

        assertEquals(9, SourceHeader.SECTIONS.size());
        for (SourceHeader.Section section : SourceHeader.SECTIONS) {
            Console.Page page = console.get("/console/sources/" + mine.sourceId() + section.path());
            assertEquals(200, page.status(), section.key());
            Matcher current = Pattern.compile("id=\"section-([a-z]+)\" aria-current=\"page\"").matcher(page.body());
            assertTrue(current.find(), section.key() + ": no tab is marked");
            assertEquals(section.key(), current.group(1));
            assertFalse(current.find(), section.key() + ": one tab only is marked");

            Console.Page hidden = console.get("/console/sources/" + theirs.sourceId() + section.path());
            assertEquals(404, hidden.status(), section.key());
            assertFalse(hidden.body().contains("Hidden tabbed district"), section.key());
        }
    }
}
