package org.rostersync.api.admin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.report.IssueCode;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /api/runs/{runId}/summary: a run's issues grouped by code and file, checked against every issue of the run. */
@ExtendWith(RunningApp.class)
class RunSummaryApiTest {

    private static final List<String> ORDER = List.of("fatal", "skipped", "error", "warning");

    @Test
    void theSummaryGroupsEveryIssueByCodeAndFileSkippedFirstWithTheCataloguesFixAndTheFirstThreeOfEach(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Summarised district");
        f.deliver(Path.of("samples", "oneroster-1.1", "broken"));
        Map<String, Object> run = f.run();
        List<Map<String, Object>> issues = list(app.adminGet("/api/runs/" + run.get("id") + "/issues?limit=10000").map().get("issues"));
        assertTrue(issues.size() > 5, "the broken sample has issues: " + issues);

        RunningApp.Response r = app.adminGet("/api/runs/" + run.get("id") + "/summary");
        assertEquals(200, r.status(), r.toString());
        Map<String, Object> summary = r.map();
        assertEquals(run.get("id"), summary.get("runId"));
        assertEquals(issues.size(), ((Number) summary.get("total")).intValue());

        // the same groups, counted from the issues themselves, in the order they were found
        Map<List<Object>, List<Map<String, Object>>> expected = new LinkedHashMap<>();
        for (Map<String, Object> i : issues) {
            expected.computeIfAbsent(List.of(Objects.toString(i.get("file"), ""), i.get("code"), i.get("outcome")),
                    k -> new ArrayList<>()).add(i);
        }
        List<Map<String, Object>> groups = list(summary.get("groups"));
        assertEquals(expected.size(), groups.size(), groups.toString());
        int lastRank = 0;
        long lastCount = Long.MAX_VALUE;
        for (Map<String, Object> g : groups) {
            List<Map<String, Object>> members = expected.get(List.of(Objects.toString(g.get("file"), ""), g.get("code"), g.get("outcome")));
            assertTrue(members != null, "a group of issues the run has: " + g);
            assertEquals(members.size(), ((Number) g.get("count")).intValue(), g.toString());
            IssueCode code = IssueCode.of((String) g.get("code"));
            assertEquals(code.explanation(), g.get("explanation"));
            assertEquals(code.fix(), g.get("fix"));
            List<Map<String, Object>> examples = list(g.get("examples"));
            assertEquals(Math.min(3, members.size()), examples.size(), g.toString());
            for (int i = 0; i < examples.size(); i++) {
                Map<String, Object> issue = members.get(i);
                Map<String, Object> example = examples.get(i);
                assertEquals(issue.get("line"), example.get("line"), "the first issues of the group, in order: " + g);
                assertEquals(issue.get("sourcedId"), example.get("sourcedId"));
                assertEquals(issue.get("message"), example.get("message"));
            }
            assertTrue(((String) g.get("issues")).startsWith("/console/runs/" + run.get("id") + "?file="), g.toString());
            assertTrue(((String) g.get("issues")).contains("&code=" + g.get("code")), g.toString());
            int rank = ORDER.indexOf((String) g.get("outcome"));
            long count = ((Number) g.get("count")).longValue();
            assertTrue(rank > lastRank || rank == lastRank && count <= lastCount, "fatal, skipped, errors, warnings; most first: " + groups);
            lastRank = rank;
            lastCount = count;
        }
        assertEquals("skipped", groups.get(0).get("outcome"), "the sample drops records, and they come first");
        List<Map<String, Object>> outcomes = list(summary.get("outcomes"));
        assertEquals(issues.size(), outcomes.stream().mapToLong(o -> ((Number) o.get("count")).longValue()).sum());
    }

    @Test
    void aCleanRunsSummaryHasNoGroupsAndAnUnknownRunIs404(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Clean summary district");
        f.deliver(Fixture.SAMPLE);
        Map<String, Object> run = f.run();
        Map<String, Object> summary = app.adminGet("/api/runs/" + run.get("id") + "/summary").map();
        assertEquals(0, ((Number) summary.get("total")).intValue(), summary.toString());
        assertEquals(List.of(), summary.get("groups"));
        assertEquals(404, app.adminGet("/api/runs/" + UUID.randomUUID() + "/summary").status());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return ((List<?>) o).stream().map(e -> (Map<String, Object>) e).toList();
    }
}
