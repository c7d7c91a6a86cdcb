package org.rostersync.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-source data requirements: the defaults, what an operator may change, and what the next run does with them. */
@ExtendWith(RunningApp.class)
class DataRequirementsTest {

    private static final String MANIFEST = "propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\n"
            + "file.orgs,bulk\nfile.users,bulk\n";
    private static final String ORGS = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n"
            + "s1,,,School One,school,,\n";
    private static final String USERS = "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
            + "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n"
            + "u1,,,true,s1,student,u1,,Ann,Lee,,,ann@example.org,,,,,\n"   // line 2: complete
            + "u2,,,true,s1,student,u2,,Bob,Ray,,,,,,,,\n"                  // line 3: no email
            + "u3,,,maybe,s1,student,,,Cy,Day,,,cy@example.org,,,,,\n";     // line 4: enabledUser invalid, no username

    @Test
    void defaultsAreShownPerAttributeWithWhatCannotBeLowered(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Defaults");
        RunningApp.Response r = app.adminGet("/api/sources/" + f.sourceId() + "/data-requirements");
        assertEquals(200, r.status(), r.toString());
        Map<String, Object> users = attributes(r, "users");
        assertRule(users, "sourcedId", "skip", "skip", true);
        assertRule(users, "role", "skip", "skip", true);
        assertRule(users, "orgSourcedIds", "skip", "skip", true);
        assertRule(users, "givenName", "report", "report", false);
        assertRule(users, "email", "none", "none", false);
        assertRule(attributes(r, "enrollments"), "classSourcedId", "skip", "skip", true);
        assertRule(attributes(r, "classes"), "termSourcedIds", "skip", "skip", true);
        assertRule(attributes(r, "courses"), "title", "report", "report", false);
        assertEquals(404, app.adminGet("/api/sources/00000000-0000-0000-0000-000000000000/data-requirements").status());
    }

    @Test
    void changesAreCheckedAndNamedFieldByField(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Checks");
        String path = "/api/sources/" + f.sourceId() + "/data-requirements";
        assertBadRequest(app.adminPut(path, "{\"users\":{\"role\":\"report\"}}"), "users.role", "cannot be lowered");
        assertBadRequest(app.adminPut(path, "{\"users\":{\"emial\":\"skip\"}}"), "users.emial", "has no attribute");
        assertBadRequest(app.adminPut(path, "{\"pupils\":{\"email\":\"skip\"}}"), "pupils", "not a OneRoster");
        assertBadRequest(app.adminPut(path, "{\"users\":{\"email\":\"sometimes\"}}"), "users.email", "not none, report or skip");
        assertEquals("none", rule(app.adminGet(path), "users", "email"), "a refused change changes nothing");
        RunningApp.Response saved = app.adminPut(path, "{\"users\":{\"email\":\"SKIP\",\"role\":\"skip\"}}");
        assertEquals(200, saved.status(), saved.toString());
        assertEquals("skip", rule(saved, "users", "email"));
        assertEquals("skip", rule(app.adminGet(path), "users", "email"), "kept");
        assertEquals("none", rule(app.adminPut(path, "{}"), "users", "email"), "an empty object restores the defaults");
    }

    @Test
    void theNextRunAppliesRaisedAndLoweredRules(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Applied").withoutSafeguards();
        f.deliver("manifest.csv", MANIFEST);
        f.deliver("orgs.csv", ORGS);
        f.deliver("users.csv", USERS);
        Map<String, Object> before = f.run();
        List<Map<String, Object>> defaults = PipelineTest.issues(app, before);
        assertHas(defaults, 4, "u3", "enabledUser", "row.invalid_boolean", "error");
        assertHas(defaults, 4, "u3", "username", "row.missing_required_value", "error");
        assertEquals("3", f.oneRoster("/users").header("X-Total-Count"));

        // an application that needs email and a usable enabledUser, and does not care for usernames
        RunningApp.Response put = app.adminPut("/api/sources/" + f.sourceId() + "/data-requirements",
                "{\"users\":{\"email\":\"skip\",\"enabledUser\":\"skip\",\"username\":\"none\"}}");
        assertEquals(200, put.status(), put.toString());
        f.deliver("users.csv", USERS + "u5,,,true,s1,student,,,Ed,Fox,,,ed@example.org,,,,,\n"); // line 5: no username
        Map<String, Object> after = f.run();
        List<Map<String, Object>> issues = PipelineTest.issues(app, after);
        assertHas(issues, 3, "u2", "email", "row.missing_required_value", "skipped");
        Map<String, Object> invalid = assertHas(issues, 4, "u3", "enabledUser", "row.invalid_boolean", "skipped");
        assertEquals("maybe", invalid.get("value"), "an invalid value counts as missing, and is shown");
        assertTrue(((String) invalid.get("message")).contains("Skip if Missing"), invalid.toString());
        assertTrue(issues.stream().noneMatch(i -> "username".equals(i.get("column"))), "username is none now: " + issues);
        assertTrue(issues.stream().noneMatch(i -> i.get("line") instanceof Number n && n.intValue() == 4 && "error".equals(i.get("outcome"))),
                "a skipped record reports why it was skipped, not its other faults: " + issues);
        Map<String, Object> users = PipelineTest.file(after, "users.csv");
        assertEquals(2, ((Number) users.get("skipped")).intValue());
        assertEquals(1, ((Number) users.get("inserted")).intValue(), "u5");
        assertEquals(200, f.oneRoster("/users/u5").status());
        // bulk: the records now skipped are no longer delivered, so they become tobedeleted
        Map<?, ?> bob = (Map<?, ?>) f.oneRoster("/users/u2").map().get("user");
        assertEquals("tobedeleted", bob.get("status"));
    }

    @Test
    void classesWhoseSchoolIsAnOrgOfAnotherTypeAreSkippedUnlessTheSourceAcceptsThemWithAWarning(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Department as school").withoutSafeguards();
        String path = "/api/sources/" + f.sourceId() + "/data-requirements";
        assertRule(attributes(app.adminGet(path), "classes"), "schoolOfAnotherType", "skip", "skip", false);
        f.deliver("manifest.csv", "propertyName,value\nfile.orgs,bulk\nfile.academicSessions,bulk\nfile.courses,bulk\n"
                + "file.classes,bulk\nfile.users,bulk\nfile.enrollments,bulk\n");
        f.deliver("orgs.csv", ORGS + "dep1,,,Science Department,department,,s1\n");
        f.deliver("academicSessions.csv", "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear\n"
                + "t1,,,Fall,term,2026-08-15,2027-01-15,,2027\n");
        f.deliver("courses.csv", "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,"
                + "subjectCodes\nc1,,,,Biology,BIO,,dep1,,\n");
        f.deliver("classes.csv", "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,"
                + "schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\nk1,,,Biology 1,,c1,B1,scheduled,,dep1,t1,,,\n");
        f.deliver("users.csv", USERS);
        f.deliver("enrollments.csv", "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,"
                + "beginDate,endDate\ne1,,,k1,dep1,u1,student,false,,\n");
        List<Map<String, Object>> skipped = PipelineTest.issues(app, f.run());
        assertHas(skipped, 2, "k1", "schoolSourcedId", "reference.not_a_school", "skipped");
        assertEquals(404, f.oneRoster("/classes/k1").status(), "the default stays: the class is left out");
        assertEquals(404, f.oneRoster("/enrollments/e1").status());

        assertBadRequest(app.adminPut(path, "{\"classes\":{\"schoolOfAnotherType\":\"none\"}}"), "classes.schoolOfAnotherType",
                "never silently");
        assertEquals("skip", rule(app.adminGet(path), "classes", "schoolOfAnotherType"), "a refused change changes nothing");
        RunningApp.Response saved = app.adminPut(path, "{\"classes\":{\"schoolOfAnotherType\":\"report\"}}");
        assertEquals(200, saved.status(), saved.toString());
        assertEquals("report", rule(saved, "classes", "schoolOfAnotherType"));

        Map<String, Object> run = f.run();
        assertEquals("succeeded_with_issues", run.get("status"), run.toString());
        List<Map<String, Object>> accepted = PipelineTest.issues(app, run);
        Map<String, Object> warning = assertHas(accepted, 2, "k1", "schoolSourcedId", "reference.not_a_school", "warning");
        assertTrue(((String) warning.get("message")).contains("imported all the same"), warning.toString());
        assertHas(accepted, 2, "e1", "schoolSourcedId", "reference.not_a_school", "warning");
        Map<?, ?> biology = (Map<?, ?>) f.oneRoster("/classes/k1").map().get("class");
        assertEquals("dep1", ((Map<?, ?>) biology.get("school")).get("sourcedId"));
        assertEquals(200, f.oneRoster("/enrollments/e1").status());
    }

    @Test
    void aMissingColumnThatTheSourceRequiresFailsTheFileAtItsHeader(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Missing column");
        app.adminPut("/api/sources/" + f.sourceId() + "/data-requirements", "{\"users\":{\"email\":\"skip\"}}");
        f.deliver("manifest.csv", MANIFEST);
        f.deliver("orgs.csv", ORGS);
        f.deliver("users.csv", "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,givenName,familyName\n"
                + "u1,,,true,s1,student,u1,Ann,Lee\n");
        Map<String, Object> run = f.run();
        assertEquals("failed", run.get("status"));
        Map<String, Object> fatal = assertHas(PipelineTest.issues(app, run), 1, null, "email", "schema.missing_header", "fatal");
        assertTrue(((String) fatal.get("message")).contains("users.email (Skip if Missing)"), fatal.toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> attributes(RunningApp.Response r, String entity) {
        Map<String, Object> out = new java.util.HashMap<>();
        for (Map<String, Object> e : (List<Map<String, Object>>) r.map().get("entities")) {
            if (entity.equals(e.get("entity"))) {
                for (Map<String, Object> a : (List<Map<String, Object>>) e.get("attributes")) {
                    out.put((String) a.get("attribute"), a);
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static String rule(RunningApp.Response r, String entity, String attribute) {
        return (String) ((Map<String, Object>) attributes(r, entity).get(attribute)).get("rule");
    }

    @SuppressWarnings("unchecked")
    private static void assertRule(Map<String, Object> attributes, String name, String rule, String defaultRule, boolean mandatory) {
        Map<String, Object> a = (Map<String, Object>) attributes.get(name);
        assertEquals(rule, a.get("rule"), name);
        assertEquals(defaultRule, a.get("defaultRule"), name);
        assertEquals(mandatory, a.get("mandatory"), name);
    }

    private static void assertBadRequest(RunningApp.Response r, String field, String text) {
        assertEquals(400, r.status(), r.toString());
        assertEquals(field, r.map().get("field"), r.toString());
        assertTrue(((String) r.map().get("message")).contains(text), r.toString());
    }

    private static Map<String, Object> assertHas(List<Map<String, Object>> issues, Integer line, String sourcedId, String column,
                                                 String code, String outcome) {
        return issues.stream().filter(i -> (line == null || i.get("line") instanceof Number n && n.intValue() == line)
                        && (sourcedId == null || sourcedId.equals(i.get("sourcedId")))
                        && column.equals(i.get("column")) && code.equals(i.get("code")) && outcome.equals(i.get("outcome")))
                .findFirst().orElseThrow(() -> new AssertionError("expected " + code + "/" + outcome + " on line " + line + " in " + issues));
    }
}
