package org.rostersync.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every run logs what it changed, record by record, in its own transaction: inserted, changed (each field before and
 * after), withdrawn, restored. A held run keeps what approving it would do, and approving applies exactly that.
 */
@ExtendWith(RunningApp.class)
class RunChangesTest {

    private static final String MANIFEST = SafeguardsTest.MANIFEST;
    private static final String ORGS = SafeguardsTest.ORGS;
    private static final String HEADER = SafeguardsTest.HEADER;

    private static String user(int i, String givenName, String grades) {
        return "u" + i + ",,,true,s1,student,u" + i + ",," + givenName + ",Lee,,,,,,,\"" + grades + "\",\n";
    }

    private static String users(int from, int to) {
        StringBuilder out = new StringBuilder(HEADER);
        for (int i = from; i < to; i++) {
            out.append(user(i, "Ann", "09"));
        }
        return out.toString();
    }

    private static List<Map<String, Object>> changes(RunningApp.App app, Map<String, Object> run, String query) {
        RunningApp.Response r = app.adminGet("/api/runs/" + run.get("id") + "/changes" + query);
        assertEquals(200, r.status(), r.toString());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list = (List<Map<String, Object>>) r.map().get("changes");
        return list;
    }

    private static String summary(List<Map<String, Object>> changes) {
        return changes.stream().map(c -> c.get("op") + " " + c.get("sourcedId")).collect(Collectors.joining(", "));
    }

    @Test
    void eachRunListsTheRecordsItInsertedChangedWithdrewAndRestored(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Change log").withoutSafeguards();
        f.deliver("manifest.csv", MANIFEST);
        f.deliver("orgs.csv", ORGS);
        f.deliver("users.csv", users(0, 4));
        Map<String, Object> first = f.run();
        assertEquals("succeeded", first.get("status"), first.toString());
        List<Map<String, Object>> inserted = changes(app, first, "?file=users.csv");
        assertEquals("inserted u0, inserted u1, inserted u2, inserted u3", summary(inserted));
        assertEquals("Ann Lee", inserted.get(0).get("name"));
        assertEquals("s1", inserted.get(0).get("school"));
        assertEquals("inserted s1", summary(changes(app, first, "?file=orgs.csv")));
        assertEquals("School One", changes(app, first, "?file=orgs.csv").get(0).get("name"));

        // u1 renamed and moved to two grades, u2 gone, u4 new
        f.deliver("users.csv", HEADER + user(0, "Ann", "09") + user(1, "Bea", "09,10") + user(3, "Ann", "09") + user(4, "Ann", "09"));
        Map<String, Object> second = f.run();
        assertEquals("succeeded", second.get("status"), second.toString());
        List<Map<String, Object>> all = changes(app, second, "");
        assertEquals("changed u1, withdrawn u2, inserted u4", summary(all), "nothing of orgs.csv, which did not change");
        assertEquals(List.of(Map.of("name", "givenName", "before", "Ann", "after", "Bea"),
                Map.of("name", "grades", "before", "09", "after", "09,10")), all.get(0).get("fields"));
        assertEquals("Bea Lee", all.get(0).get("name"), "the name the run wrote");
        assertEquals("withdrawn u2", summary(changes(app, second, "?op=withdrawn")));
        assertEquals("changed u1, withdrawn u2", summary(changes(app, second, "?file=users.csv&limit=2")));
        RunningApp.Response page = app.adminGet("/api/runs/" + second.get("id") + "/changes?limit=2");
        assertEquals("users.csv:u2", page.map().get("after"));
        assertEquals("inserted u4", summary(changes(app, second, "?limit=2&after=users.csv:u2")));
        assertNull(app.adminGet("/api/runs/" + second.get("id") + "/changes?limit=3").map().get("after"), "the last page has no next");

        f.deliver("users.csv", HEADER + user(0, "Ann", "09") + user(1, "Bea", "09,10") + user(2, "Ann", "09") + user(3, "Ann", "09")
                + user(4, "Ann", "09"));
        Map<String, Object> third = f.run();
        List<Map<String, Object>> restored = changes(app, third, "");
        assertEquals("restored u2", summary(restored));
        assertEquals(List.of(Map.of("name", "status", "before", "tobedeleted", "after", "active")), restored.get(0).get("fields"));

        RunningApp.Response csv = app.adminGet("/api/runs/" + second.get("id") + "/changes.csv");
        assertEquals(200, csv.status(), csv.toString());
        assertEquals(List.of("file,op,sourcedId,name,school,field,before,after",
                "users.csv,changed,u1,Bea Lee,s1,givenName,Ann,Bea",
                "users.csv,changed,u1,Bea Lee,s1,grades,09,\"09,10\"",
                "users.csv,withdrawn,u2,Ann Lee,s1,,,",
                "users.csv,inserted,u4,Ann Lee,s1,,,"), csv.body().lines().toList());
    }

    @Test
    void badFiltersAreRefusedNamingTheParameter(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Change log filters");
        f.deliver(Fixture.SAMPLE);
        Map<String, Object> run = f.run();
        for (String[] bad : new String[][]{{"?file=pupils.csv", "file"}, {"?op=deleted", "op"}, {"?after=nonsense", "after"},
                {"?limit=0", "limit"}}) {
            RunningApp.Response r = app.adminGet("/api/runs/" + run.get("id") + "/changes" + bad[0]);
            assertEquals(400, r.status(), r.toString());
            assertTrue(String.valueOf(r.map().get("field")).contains(bad[1]) || r.body().contains(bad[1]), r.toString());
        }
        assertEquals(404, app.adminGet("/api/runs/" + java.util.UUID.randomUUID() + "/changes").status());
    }

    @Test
    void aHeldRunListsWhatApprovingWouldDoAndApprovingAppliesExactlyThat(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Held change log");
        f.deliver("manifest.csv", MANIFEST);
        f.deliver("orgs.csv", ORGS);
        f.deliver("users.csv", users(0, 20));
        assertEquals("succeeded", f.run().get("status"));
        f.deliver("users.csv", users(0, 14) + user(30, "New", "09")); // 6 of 20 withdrawn: held
        Map<String, Object> held = f.run();
        assertEquals("held", held.get("status"), held.toString());
        assertEquals("withdrawn u14, withdrawn u15, withdrawn u16, withdrawn u17, withdrawn u18, withdrawn u19, inserted u30",
                summary(changes(app, held, "?file=users.csv")), "what approving would do, though nothing of it was applied");

        RunningApp.Response approve = app.adminPost("/api/runs/" + held.get("id") + "/approve", null);
        assertEquals(202, approve.status(), approve.toString());
        Map<String, Object> applied = f.awaitEnd((String) held.get("id"));
        assertEquals("succeeded", applied.get("status"), applied.toString());
        assertEquals("withdrawn u14, withdrawn u15, withdrawn u16, withdrawn u17, withdrawn u18, withdrawn u19, inserted u30",
                summary(changes(app, applied, "?file=users.csv")), "the same list, now applied");
    }

    @Test
    void anApprovalIsRefusedWhenTheRosterMovedSinceTheRunWasHeld(RunningApp.App app) throws Exception {
        Fixture f = Fixture.create(app, "Moved roster");
        f.deliver("manifest.csv", MANIFEST);
        f.deliver("orgs.csv", ORGS);
        f.deliver("users.csv", users(0, 20));
        assertEquals("succeeded", f.run().get("status"));
        f.deliver("users.csv", users(0, 14).replace("u0,,,true,s1,student,u0,,Ann", "u0,,,true,s1,student,u0,,Abe"));
        Map<String, Object> held = f.run();
        assertEquals("held", held.get("status"), held.toString());
        String shown = summary(changes(app, held, ""));
        // the roster moves under the held run, by a hand in the database rather than a run (which the approval refuses)
        try (Connection c = app.context().getBean(DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE roster_user SET given_name = 'Zed' WHERE source_id = ? AND sourced_id = 'u0'")) {
            ps.setObject(1, f.sourceId());
            assertEquals(1, ps.executeUpdate());
        }
        assertEquals(202, app.adminPost("/api/runs/" + held.get("id") + "/approve", null).status());
        Map<String, Object> refused = f.awaitEnd((String) held.get("id"));
        assertEquals("failed", refused.get("status"), refused.toString());
        assertTrue(((String) refused.get("message")).contains("the approval was refused"), refused.toString());
        assertTrue(PipelineTest.issues(app, refused).stream().anyMatch(i -> "run.approval_refused".equals(i.get("code"))));
        assertEquals("active", ((Map<?, ?>) f.oneRoster("/users/u19").map().get("user")).get("status"), "nothing was applied");
        assertEquals(shown, summary(changes(app, refused, "")), "the held list stays as it was shown");
    }
}
