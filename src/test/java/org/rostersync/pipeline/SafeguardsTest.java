package org.rostersync.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs that would delete or change too much are held until an operator approves or discards them. */
@ExtendWith(RunningApp.class)
class SafeguardsTest {

    static final String MANIFEST = "propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\n"
            + "file.orgs,bulk\nfile.users,bulk\n";
    static final String ORGS = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n"
            + "s1,,,School One,school,,\n";
    static final String HEADER = "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
            + "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n";

    /** {@code count} students u0 .. u(count-1), with a family name to tell deliveries apart. */
    private static String users(int from, int to, String familyName) {
        StringBuilder out = new StringBuilder(HEADER);
        for (int i = from; i < to; i++) {
            out.append("u").append(i).append(",,,true,s1,student,u").append(i).append(",,Ann,").append(familyName).append(",,,,,,,,\n");
        }
        return out.toString();
    }

    private static Fixture imported(RunningApp.App app, String name) {
        Fixture f = Fixture.create(app, name);
        f.deliver("manifest.csv", MANIFEST);
        f.deliver("orgs.csv", ORGS);
        f.deliver("users.csv", users(0, 20, "Lee"));
        assertEquals("succeeded", f.run().get("status"));
        return f;
    }

    @Test
    void aRunThatWouldDeleteTooMuchIsHeldAndApprovingItAppliesTheFrozenDelivery(RunningApp.App app) {
        Fixture f = imported(app, "Held then approved");
        f.deliver("users.csv", users(0, 15, "Lee")); // 5 of 20 gone: 25% > 10%
        Map<String, Object> held = f.run();
        assertEquals("held", held.get("status"), held.toString());
        assertTrue(((String) held.get("message")).contains("users.csv would delete 5 of 20 active records (25.0%, limit 10%)"),
                held.toString());
        Map<String, Object> users = PipelineTest.file(held, "users.csv");
        assertEquals(5, ((Number) users.get("deleted")).intValue(), "the numbers that were computed are shown");
        assertEquals(20, ((Number) users.get("activeBefore")).intValue());
        assertTrue(PipelineTest.issues(app, held).stream().anyMatch(i -> "safeguard.deletions".equals(i.get("code"))));
        assertEquals("active", userStatus(f, "u19"), "nothing was applied");

        // a later upload changes nothing of what the held run computed
        f.deliver("users.csv", users(0, 20, "Changed"));
        RunningApp.Response approve = app.adminPost("/api/runs/" + held.get("id") + "/approve", null);
        assertEquals(202, approve.status(), approve.toString());
        Map<String, Object> applied = f.awaitEnd((String) held.get("id"));
        assertEquals("succeeded", applied.get("status"), applied.toString());
        assertEquals("admin", applied.get("decidedBy"));
        assertTrue(((String) applied.get("message")).startsWith("approved and applied"), applied.toString());
        assertEquals(5, ((Number) PipelineTest.file(applied, "users.csv").get("deleted")).intValue());
        assertEquals("tobedeleted", userStatus(f, "u19"));
        assertEquals("Lee", user(f, "u0").get("familyName"), "the frozen delivery, not the later upload");
        assertEquals(409, app.adminPost("/api/runs/" + held.get("id") + "/approve", null).status(), "approved once");
    }

    @Test
    void aDiscardedRunIsNeverApplied(RunningApp.App app) {
        Fixture f = imported(app, "Held then discarded");
        f.deliver("users.csv", users(0, 2, "Lee"));
        Map<String, Object> held = f.run();
        assertEquals("held", held.get("status"));
        assertTrue(PipelineTest.issues(app, held).stream().anyMatch(i -> "safeguard.changes".equals(i.get("code"))),
                "18 of 20 deleted is also over 75% changed");
        RunningApp.Response discarded = app.adminPost("/api/runs/" + held.get("id") + "/discard", null);
        assertEquals(200, discarded.status(), discarded.toString());
        assertEquals("discarded", discarded.map().get("status"));
        RunningApp.Response approve = app.adminPost("/api/runs/" + held.get("id") + "/approve", null);
        assertEquals(409, approve.status());
        assertTrue(((String) approve.map().get("message")).contains("only a held run"), approve.toString());
        assertEquals("active", userStatus(f, "u19"));
    }

    @Test
    void aHeldRunCannotBeApprovedOnceALaterRunWasApplied(RunningApp.App app) {
        Fixture f = imported(app, "Stale approval");
        f.deliver("users.csv", users(0, 10, "Lee"));
        Map<String, Object> held = f.run();
        assertEquals("held", held.get("status"));
        f.deliver("users.csv", users(0, 20, "Lee").replace("u0,,,true,s1,student,u0,,Ann,Lee", "u0,,,true,s1,student,u0,,Ann,Newer"));
        assertEquals("succeeded", f.run().get("status"), "one change in twenty is within the limits");
        RunningApp.Response approve = app.adminPost("/api/runs/" + held.get("id") + "/approve", null);
        assertEquals(409, approve.status(), approve.toString());
        assertTrue(((String) approve.map().get("message")).contains("a later run of this source has been applied"), approve.toString());
        assertEquals("Newer", user(f, "u0").get("familyName"));
    }

    @Test
    void limitsAreSetPerSourceAndNeverDeleteOnlyAddsAndUpdates(RunningApp.App app) {
        Fixture f = imported(app, "Never delete");
        String path = "/api/sources/" + f.sourceId() + "/safeguards";
        assertEquals(Map.of("maxDeletedPercent", 10, "maxChangedPercent", 75, "neverDelete", false), app.adminGet(path).map());
        RunningApp.Response bad = app.adminPut(path, "{\"maxDeletedPercent\":150,\"maxChangedPercent\":75,\"neverDelete\":true}");
        assertEquals(400, bad.status(), bad.toString());
        assertEquals("maxDeletedPercent", bad.map().get("field"), bad.toString());
        assertEquals(200, app.adminPut(path, "{\"maxDeletedPercent\":10,\"maxChangedPercent\":75,\"neverDelete\":true}").status());

        f.deliver("manifest.csv", MANIFEST.replace("file.users,bulk", "file.users,delta"));
        f.deliver("users.csv", HEADER.replace("\n", "") + "\nu3,tobedeleted,2026-11-20T10:00:00Z,true,s1,student,u3,,Ann,Lee,,,,,,,,\n");
        Map<String, Object> delta = f.run();
        assertEquals("succeeded_with_issues", delta.get("status"), delta.toString());
        assertTrue(PipelineTest.issues(app, delta).stream().anyMatch(i -> "row.deletion_prevented".equals(i.get("code"))));
        assertEquals("active", userStatus(f, "u3"));

        f.deliver("manifest.csv", MANIFEST);
        f.deliver("users.csv", users(0, 2, "Lee"));
        Map<String, Object> bulk = f.run();
        assertEquals("succeeded_with_issues", bulk.get("status"), "never deleting, nothing to hold: " + bulk);
        List<Map<String, Object>> issues = PipelineTest.issues(app, bulk);
        assertTrue(issues.stream().anyMatch(i -> "safeguard.deletions_prevented".equals(i.get("code"))
                && ((String) i.get("message")).startsWith("18 records")), issues.toString());
        assertEquals("active", userStatus(f, "u19"));
    }

    private static Map<?, ?> user(Fixture f, String id) {
        return (Map<?, ?>) f.oneRoster("/users/" + id).map().get("user");
    }

    private static String userStatus(Fixture f, String id) {
        return (String) user(f, id).get("status");
    }
}
