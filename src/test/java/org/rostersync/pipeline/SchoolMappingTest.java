package org.rostersync.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which schools are in scope: auto and explicit modes, excluded schools and their records, schools that stop arriving. */
@ExtendWith(RunningApp.class)
class SchoolMappingTest {

    private static final String MANIFEST = "propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\n"
            + "file.orgs,bulk\nfile.academicSessions,bulk\nfile.courses,bulk\nfile.classes,bulk\nfile.users,bulk\nfile.enrollments,bulk\n";
    private static final String ORGS_HEADER = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n";
    private static final String ORGS = ORGS_HEADER + "d1,,,District,district,,\ns1,,,Lincoln,school,,d1\ns2,,,Muir,school,,d1\n";
    private static final String SESSIONS = "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear\n"
            + "t1,,,2026-2027,schoolYear,2026-08-17,2027-06-11,,2027\n";
    private static final String COURSES = "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes\n"
            + "c1,,,t1,Math,M,,d1,,\n";
    private static final String CLASSES = "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,"
            + "schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\n"
            + "k1,,,Math at Lincoln,,c1,,scheduled,,s1,t1,,,\nk2,,,Math at Muir,,c1,,scheduled,,s2,t1,,,\n";
    private static final String USERS = "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,"
            + "familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n"
            + "u1,,,true,s1,student,u1,,Ann,Lee,,,,,,,,\n"          // line 2: Lincoln
            + "u2,,,true,s2,student,u2,,Bob,Ray,,,,,,,,\n"          // line 3: Muir
            + "u3,,,true,\"s1,s2\",teacher,u3,,Cy,Day,,,,,,,,\n";   // line 4: both
    private static final String ENROLLMENTS = "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate\n"
            + "e1,,,k1,s1,u1,student,,,\ne2,,,k2,s2,u2,student,,,\ne3,,,k2,s2,u3,teacher,,,\ne4,,,k1,s1,u3,teacher,,,\n";

    private static void deliver(Fixture f, String orgs) {
        f.deliver("manifest.csv", MANIFEST);
        f.deliver("orgs.csv", orgs);
        f.deliver("academicSessions.csv", SESSIONS);
        f.deliver("courses.csv", COURSES);
        f.deliver("classes.csv", CLASSES);
        f.deliver("users.csv", USERS);
        f.deliver("enrollments.csv", ENROLLMENTS);
    }

    @Test
    void autoModeAddsNewSchoolsAndAnExcludedSchoolTakesItsRecordsOutOfScopeWithoutDeletingThem(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Auto mapping").withoutSafeguards();
        deliver(f, ORGS);
        Map<String, Object> first = f.run();
        assertEquals("succeeded", first.get("status"), "the first delivery sets the mapping's baseline: " + first);
        String path = "/api/sources/" + f.sourceId() + "/school-mapping";
        Map<String, Object> mapping = app.adminGet(path).map();
        assertEquals("auto", mapping.get("mode"));
        Map<String, Object> muir = school(mapping, "s2");
        assertEquals("Muir", muir.get("name"));
        assertEquals(true, muir.get("included"));
        assertNotNull(muir.get("firstSeenAt"));
        assertEquals(false, muir.get("stoppedArriving"));

        RunningApp.Response put = app.adminPut(path, "{\"mode\":\"auto\",\"schools\":[{\"sourcedId\":\"s1\",\"included\":true,"
                + "\"displayName\":\"Lincoln ES\"},{\"sourcedId\":\"s2\",\"included\":false}]}");
        assertEquals(200, put.status(), put.toString());
        assertEquals("Muir", school(put.map(), "s2").get("name"), "what runs learnt of a school is kept");
        assertEquals("Lincoln ES", school(put.map(), "s1").get("displayName"));

        deliver(f, ORGS + "s3,,,Poly,school,,d1\n");
        Map<String, Object> second = f.run();
        List<Map<String, Object>> issues = PipelineTest.issues(app, second);
        Map<String, Object> added = assertHas(issues, "orgs.csv", 5, "s3", "row.school_added", "warning");
        assertTrue(((String) added.get("message")).contains("school 's3' (Poly) is new"), added.toString());
        assertEquals(true, school(app.adminGet(path).map(), "s3").get("included"));
        assertHas(issues, "orgs.csv", 4, "s2", "row.school_excluded", "skipped");
        assertHas(issues, "classes.csv", 3, "k2", "reference.school_not_mapped", "skipped");
        assertHas(issues, "users.csv", 3, "u2", "reference.school_not_mapped", "skipped");
        assertHas(issues, "enrollments.csv", 3, "e2", "reference.school_not_mapped", "skipped");
        assertTrue(issues.stream().noneMatch(i -> "u3".equals(i.get("sourcedId"))), "u3 keeps Lincoln: " + issues);
        Map<?, ?> u3 = (Map<?, ?>) f.oneRoster("/users/u3").map().get("user");
        assertEquals(1, ((List<?>) u3.get("orgs")).size(), "only the mapped school: " + u3);
        // out of scope is not deleted: the excluded school's records stay as they were
        assertEquals("active", ((Map<?, ?>) f.oneRoster("/classes/k2").map().get("class")).get("status"));
        assertEquals("active", ((Map<?, ?>) f.oneRoster("/users/u2").map().get("user")).get("status"));
    }

    @Test
    void explicitModeSkipsSchoolsItDoesNotMapAndShowsSchoolsThatStopArriving(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Explicit mapping").withoutSafeguards();
        String path = "/api/sources/" + f.sourceId() + "/school-mapping";
        assertEquals(200, app.adminPut(path, "{\"mode\":\"explicit\",\"schools\":[{\"sourcedId\":\"s1\",\"included\":true}]}").status());
        deliver(f, ORGS);
        Map<String, Object> run = f.run();
        List<Map<String, Object>> issues = PipelineTest.issues(app, run);
        Map<String, Object> muir = assertHas(issues, "orgs.csv", 4, "s2", "row.school_not_mapped", "skipped");
        assertTrue(((String) muir.get("message")).contains("school 's2' (Muir) is not in the source's school mapping"), muir.toString());
        assertHas(issues, "enrollments.csv", 3, "e2", "reference.school_not_mapped", "skipped");
        assertEquals(200, f.oneRoster("/orgs/s1").status());
        assertEquals(404, f.oneRoster("/orgs/s2").status());
        Map<String, Object> mapping = app.adminGet(path).map();
        assertEquals(false, school(mapping, "s2").get("included"), "the unmapped school is listed for the operator to include");

        deliver(f, ORGS.replace("s2,,,Muir,school,,d1\n", ""));
        f.run();
        mapping = app.adminGet(path).map();
        assertEquals(true, school(mapping, "s2").get("stoppedArriving"), mapping.toString());
        assertEquals(false, school(mapping, "s1").get("stoppedArriving"));
    }

    @Test
    void anOrgsCsvUploadMapsItsSchoolsAndBadInputIsNamed(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Mapped from orgs.csv");
        String path = "/api/sources/" + f.sourceId() + "/school-mapping";
        RunningApp.Response mapped = app.post(path + "/orgs", ORGS, "text/csv", "admin", RunningApp.ADMIN_PASSWORD);
        assertEquals(200, mapped.status(), mapped.toString());
        assertEquals("Lincoln", school(mapped.map(), "s1").get("name"));
        assertEquals(2, ((List<?>) mapped.map().get("schools")).size(), "the district is not a school");

        RunningApp.Response ragged = app.post(path + "/orgs", ORGS_HEADER + "s3,,,Poly,school\n", "text/csv", "admin", RunningApp.ADMIN_PASSWORD);
        assertEquals(400, ragged.status(), ragged.toString());
        assertTrue(((String) ragged.map().get("message")).startsWith("orgs.csv line 2: the row has 5 fields"), ragged.toString());
        RunningApp.Response twice = app.adminPut(path, "{\"mode\":\"auto\",\"schools\":[{\"sourcedId\":\"s1\",\"included\":true},"
                + "{\"sourcedId\":\"s1\",\"included\":false}]}");
        assertEquals(400, twice.status(), twice.toString());
        assertEquals("schools[1].sourcedId", twice.map().get("field"));
        RunningApp.Response mode = app.adminPut(path, "{\"mode\":\"sometimes\",\"schools\":[]}");
        assertEquals(400, mode.status(), mode.toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> school(Map<String, Object> mapping, String id) {
        return ((List<Map<String, Object>>) mapping.get("schools")).stream().filter(s -> id.equals(s.get("sourcedId"))).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in " + mapping));
    }

    private static Map<String, Object> assertHas(List<Map<String, Object>> issues, String file, int line, String sourcedId, String code,
                                                 String outcome) {
        return issues.stream().filter(i -> file.equals(i.get("file")) && i.get("line") instanceof Number n && n.intValue() == line
                        && sourcedId.equals(i.get("sourcedId")) && code.equals(i.get("code")) && outcome.equals(i.get("outcome")))
                .findFirst().orElseThrow(() -> new AssertionError("expected " + file + ":" + line + " " + code + "/" + outcome + " in " + issues));
    }
}
