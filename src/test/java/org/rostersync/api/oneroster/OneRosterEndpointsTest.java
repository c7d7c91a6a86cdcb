package org.rostersync.api.oneroster;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every rostering read of the 1.1 binding against the minimal sample (plus a term and a grading period, which the sample
 * has none of): each collection with its envelope key and count, each single record, unknown parents, and exact bodies.
 */
@ExtendWith(RunningApp.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OneRosterEndpointsTest {

    private Fixture f;
    private RunningApp.App app;

    @BeforeAll
    void importSample(RunningApp.App app) throws IOException {
        this.app = app;
        f = Fixture.create(app, "Endpoints district");
        f.deliver(Fixture.SAMPLE);
        f.deliver("academicSessions.csv", Files.readString(Fixture.SAMPLE.resolve("academicSessions.csv"))
                + "as-2027-t1,,,Term 1,term,2026-08-17,2026-11-13,as-2027-fall,2027\n"
                + "as-2027-gp1,,,Grading Period 1,gradingPeriod,2026-08-17,2026-10-02,as-2027-t1,2027\n");
        assertEquals("succeeded", f.run().get("status"));
    }

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @CsvSource({
            "/academicSessions, academicSessions, 5",
            "/gradingPeriods, academicSessions, 1",
            "/terms, academicSessions, 1",
            "/terms/as-2027-t1/classes, classes, 0",
            "/terms/as-2027-t1/gradingPeriods, academicSessions, 1",
            "/classes, classes, 5",
            "/classes/cls-muir-sci7-3/students, users, 14",
            "/classes/cls-muir-sci7-3/teachers, users, 2",
            "/courses, courses, 5",
            "/courses/crs-muir-math7/classes, classes, 1",
            "/demographics, demographics, 40",
            "/enrollments, enrollments, 74",
            "/orgs, orgs, 4",
            "/schools, orgs, 3",
            "/schools/org-sch-muir/courses, courses, 2",
            "/schools/org-sch-muir/classes, classes, 2",
            "/schools/org-sch-muir/enrollments, enrollments, 31",
            "/schools/org-sch-muir/terms, academicSessions, 2",
            "/schools/org-sch-muir/students, users, 14",
            "/schools/org-sch-muir/teachers, users, 3",
            "/schools/org-sch-muir/classes/cls-muir-sci7-3/enrollments, enrollments, 16",
            "/schools/org-sch-muir/classes/cls-muir-sci7-3/students, users, 14",
            "/schools/org-sch-muir/classes/cls-muir-sci7-3/teachers, users, 2",
            "/students, users, 40",
            "/students/stu-001/classes, classes, 1",
            "/teachers, users, 6",
            "/teachers/tch-006/classes, classes, 1",
            "/users, users, 50",
            "/users/par-001/classes, classes, 0",
            "/users/stu-001/classes, classes, 1",
    })
    void everyCollectionAnswersItsEnvelopeKeyCountAndTotal(String path, String key, int count) {
        RunningApp.Response r = f.oneRoster(path);
        assertEquals(200, r.status(), r.toString());
        assertEquals(List.of(key), List.copyOf(r.map().keySet()), r.body());
        assertEquals(count, ((List<?>) r.map().get(key)).size(), r.body());
        assertEquals(Integer.toString(count), r.header("X-Total-Count"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "/academicSessions/as-2027-fall, academicSession",
            "/gradingPeriods/as-2027-gp1, academicSession",
            "/terms/as-2027-t1, academicSession",
            "/classes/cls-lin-g3-hr, class",
            "/courses/crs-lin-g3, course",
            "/demographics/stu-001, demographics",
            "/enrollments/enr-lin-g3-hr-tch-001, enrollment",
            "/orgs/org-district, org",
            "/schools/org-sch-poly, org",
            "/students/stu-040, user",
            "/teachers/tch-006, user",
            "/users/par-001, user",
    })
    void everySingleRecordAnswersTheSingularKey(String path, String key) {
        RunningApp.Response r = f.oneRoster(path);
        assertEquals(200, r.status(), r.toString());
        Map<?, ?> record = (Map<?, ?>) r.map().get(key);
        assertEquals(path.substring(path.lastIndexOf('/') + 1), record.get("sourcedId"), r.body());
    }

    @ParameterizedTest(name = "{0} is 404 naming {1}")
    @CsvSource({
            "/schools/org-district, school 'org-district'",
            "/students/tch-001, student 'tch-001'",
            "/teachers/stu-001, teacher 'stu-001'",
            "/terms/as-2027-fall, term 'as-2027-fall'",
            "/gradingPeriods/as-2027-t1, grading period 'as-2027-t1'",
            "/demographics/tch-001, demographics 'tch-001'",
            "/courses/nothing, course 'nothing'",
            "/academicSessions/nothing, academic session 'nothing'",
            "/classes/nothing/students, class 'nothing'",
            "/classes/nothing/teachers, class 'nothing'",
            "/courses/nothing/classes, course 'nothing'",
            "/schools/nothing/classes, school 'nothing'",
            "/schools/org-district/students, school 'org-district'",
            "/schools/org-sch-lincoln/classes/cls-muir-sci7-3/enrollments, class 'cls-muir-sci7-3'",
            "/schools/org-sch-muir/classes/nothing/students, class 'nothing'",
            "/schools/nothing/terms, school 'nothing'",
            "/terms/nothing/classes, term 'nothing'",
            "/terms/as-2027/gradingPeriods, term 'as-2027'",
            "/users/nothing/classes, user 'nothing'",
            "/students/tch-001/classes, student 'tch-001'",
            "/teachers/nothing/classes, teacher 'nothing'",
            "/users/a%00b, user 'a\u0000b'",
            "/schools/a%00b/students, school 'a\u0000b'",
    })
    void anUnknownRecordOrParentIs404UnknownObjectNamingIt(String path, String named) {
        RunningApp.Response r = f.oneRoster(path);
        assertEquals(404, r.status(), r.toString());
        Map<?, ?> info = (Map<?, ?>) ((List<?>) r.map().get("statusInfoSet")).get(0);
        assertEquals("unknown object", info.get("imsx_codeMinor"));
        assertEquals(named + " does not exist", info.get("imsx_description"));
    }

    @Test
    void anIdIsOnlyEverAnId() {
        for (String path : List.of("/users/%27%20OR%20%271%27%3D%271", "/users/stu-001%27%3B%20DROP%20TABLE%20roster_user%3B--",
                "/schools/%25/students", "/classes/cls-%25/students")) {
            RunningApp.Response r = f.oneRoster(path);
            assertEquals(404, r.status(), path + " " + r);
        }
        assertEquals(200, f.oneRoster("/users/stu-001").status(), "and the table is still there");
    }

    @Test
    void aUserIsShapedExactlyAsThe11Binding() throws IOException {
        assertBody("/users/stu-001", """
                {"user":{"sourcedId":"stu-001","status":"active","dateLastModified":"(run time)",
                 "username":"s001","userIds":[{"type":"LDAP","identifier":"s001"},{"type":"SIS","identifier":"100001"}],
                 "enabledUser":"true","givenName":"Zoë","familyName":"Müller","role":"student","identifier":"100001",
                 "email":"s001@students.riverside.example.org",
                 "agents":[{"href":"HOST/ims/oneroster/v1p1/users/par-001","sourcedId":"par-001","type":"user"}],
                 "orgs":[{"href":"HOST/ims/oneroster/v1p1/orgs/org-sch-lincoln","sourcedId":"org-sch-lincoln","type":"org"}],
                 "grades":["03"]}}""");
    }

    @Test
    void aClassIsShapedExactlyAsThe11Binding() throws IOException {
        assertBody("/classes/cls-poly-hist-4", """
                {"class":{"sourcedId":"cls-poly-hist-4","status":"active","dateLastModified":"(run time)",
                 "title":"U.S. History - Periods 4-5","classCode":"USH-4","classType":"scheduled","location":"C-115",
                 "grades":["11","12"],"subjects":["History"],
                 "course":{"href":"HOST/ims/oneroster/v1p1/courses/crs-poly-hist","sourcedId":"crs-poly-hist","type":"course"},
                 "school":{"href":"HOST/ims/oneroster/v1p1/schools/org-sch-poly","sourcedId":"org-sch-poly","type":"org"},
                 "terms":[{"href":"HOST/ims/oneroster/v1p1/academicSessions/as-2027-spring","sourcedId":"as-2027-spring","type":"academicSession"}],
                 "subjectCodes":["04101"],"periods":["4","5"]}}""");
    }

    @Test
    void anOrgListsItsChildren() throws IOException {
        assertBody("/orgs/org-district", """
                {"org":{"sourcedId":"org-district","status":"active","dateLastModified":"(run time)",
                 "name":"Riverside Unified School District","type":"district","identifier":"0633750",
                 "children":[
                  {"href":"HOST/ims/oneroster/v1p1/orgs/org-sch-lincoln","sourcedId":"org-sch-lincoln","type":"org"},
                  {"href":"HOST/ims/oneroster/v1p1/orgs/org-sch-muir","sourcedId":"org-sch-muir","type":"org"},
                  {"href":"HOST/ims/oneroster/v1p1/orgs/org-sch-poly","sourcedId":"org-sch-poly","type":"org"}]}}""");
    }

    @Test
    void anAcademicSessionHasItsParentChildrenAndSchoolYear() throws IOException {
        assertBody("/academicSessions/as-2027-fall", """
                {"academicSession":{"sourcedId":"as-2027-fall","status":"active","dateLastModified":"(run time)",
                 "title":"Fall 2026","startDate":"2026-08-17","endDate":"2027-01-15","type":"semester",
                 "parent":{"href":"HOST/ims/oneroster/v1p1/academicSessions/as-2027","sourcedId":"as-2027","type":"academicSession"},
                 "children":[{"href":"HOST/ims/oneroster/v1p1/academicSessions/as-2027-t1","sourcedId":"as-2027-t1","type":"academicSession"}],
                 "schoolYear":"2027"}}""");
    }

    @Test
    void aCourseAndDemographicsAreShapedAsThe11Binding() throws IOException {
        assertBody("/courses/crs-muir-math7", """
                {"course":{"sourcedId":"crs-muir-math7","status":"active","dateLastModified":"(run time)",
                 "title":"Mathematics 7",
                 "schoolYear":{"href":"HOST/ims/oneroster/v1p1/academicSessions/as-2027","sourcedId":"as-2027","type":"academicSession"},
                 "courseCode":"MA7","grades":["07"],"subjects":["Mathematics"],
                 "org":{"href":"HOST/ims/oneroster/v1p1/orgs/org-sch-muir","sourcedId":"org-sch-muir","type":"org"},
                 "subjectCodes":["02052"]}}""");
        assertBody("/demographics/stu-001", """
                {"demographics":{"sourcedId":"stu-001","status":"active","dateLastModified":"(run time)",
                 "birthDate":"2018-01-01","sex":"female","americanIndianOrAlaskaNative":"false","asian":"true",
                 "blackOrAfricanAmerican":"true","nativeHawaiianOrOtherPacificIslander":"false","white":"true",
                 "demographicRaceTwoOrMoreRaces":"false","hispanicOrLatinoEthnicity":"true","countryOfBirthCode":"US",
                 "stateOfBirthAbbreviation":"CA","cityOfBirth":"Riverside"}}""");
    }

    /** Compares parsed JSON (key order included), with the host and the run's timestamp put in the expected text. */
    private void assertBody(String path, String expected) throws IOException {
        RunningApp.Response r = f.oneRoster(path);
        assertEquals(200, r.status(), r.toString());
        JsonMapper json = app.context().getBean(JsonMapper.class);
        Map<String, Object> actual = json.readValue(r.body(), Argument.mapOf(String.class, Object.class));
        Map<?, ?> record = (Map<?, ?>) actual.values().iterator().next();
        String filled = expected.replace("HOST", app.baseUrl()).replace("(run time)", (String) record.get("dateLastModified"));
        Map<String, Object> want = json.readValue(filled, Argument.mapOf(String.class, Object.class));
        assertEquals(json.writeValueAsString(want), json.writeValueAsString(actual));
    }
}
