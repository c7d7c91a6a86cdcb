package org.rostersync.api.oneroster;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * filter, sort/orderBy, fields, limit/offset with X-Total-Count and Link, against the minimal sample followed by the
 * delta sample (a family name changed, a student and an enrollment withdrawn, a student added, dated 2026-11-25).
 */
@ExtendWith(RunningApp.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OneRosterQueriesTest {

    private Fixture f;

    @BeforeAll
    void importSampleThenDelta(RunningApp.App app) {
        f = Fixture.create(app, "Queries district").withoutSafeguards();
        f.deliver(Fixture.SAMPLE);
        assertEquals("succeeded", f.run().get("status"));
        // the delta declares the other files absent: they must not be in the delivery any more
        for (String file : List.of("orgs.csv", "academicSessions.csv", "courses.csv", "classes.csv", "demographics.csv")) {
            f.remove(file);
        }
        f.deliver(Path.of("samples", "oneroster-1.1", "delta"));
        assertEquals("succeeded", f.run().get("status"));
    }

    @ParameterizedTest(name = "{0}{1} → {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "/users          | familyName='Fernández'                                    | tch-001",
            "/users          | familyName='García-López'                                 | stu-002",
            "/users          | familyName~'ARC'                                          | par-004 stu-002",
            "/users          | givenName='Aoife' OR familyName='O''Sullivan'             | tch-003",
            "/users          | sourcedId='tch-001' OR sourcedId='tch-002'                | tch-001 tch-002",
            "/users          | role='student' AND sourcedId>='stu-039'                   | stu-039 stu-040 stu-041",
            "/users          | sourcedId>'tch-004'                                       | tch-005 tch-006",
            "/users          | sourcedId<'par-003'                                       | par-001 par-002",
            "/users          | sourcedId<='par-002'                                      | par-001 par-002",
            "/users          | dateLastModified<'2026-11-26'                             | stu-002 stu-040 stu-041",
            "/users          | dateLastModified<='2026-11-25T07:00:00.000Z'              | stu-002 stu-040 stu-041",
            "/users          | dateLastModified='2026-11-25T08:00:00+01:00'              | stu-002 stu-040 stu-041",
            "/users          | status='tobedeleted'                                      | stu-040",
            "/users          | enabledUser='false'                                       | par-001 par-002 par-003 par-004",
            "/users          | orgs.sourcedId='org-sch-muir' AND role='teacher'          | tch-002 tch-003 tch-006",
            "/users          | agents.sourcedId='stu-001'                                | par-001",
            "/users          | email~'%'                                                 | \"\"",
            "/users          | email~'s0_1'                                              | \"\"",
            "/users          | familyName='x'' OR ''1''=''1'                             | \"\"",
            "/users          | sourcedId='\\'                                            | \"\"",
            "/users          | familyName='Robert''); DROP TABLE roster_user; --'        | \"\"",
            "/classes        | terms.sourcedId='as-2027-spring'                          | cls-lin-g3-hr cls-muir-sci7-3 cls-poly-hist-4",
            "/classes        | school.sourcedId='org-sch-poly' AND periods='5'           | cls-poly-hist-4",
            "/classes        | grades!='07'                                              | cls-lin-g3-hr cls-poly-eng11-2 cls-poly-hist-4",
            "/classes        | subjects~'lit'                                            | cls-poly-eng11-2",
            "/courses        | schoolYear.sourcedId='as-2027' AND org.sourcedId='org-sch-lincoln' | crs-lin-g3",
            "/orgs           | parent.sourcedId='org-district' AND name~'muir'           | org-sch-muir",
            "/orgs           | type!='school'                                            | org-district",
            "/academicSessions | schoolYear>='2027' AND startDate>'2026-08-17'           | as-2027-spring",
            "/academicSessions | endDate<='2027-01-15'                                   | as-2027-fall",
            "/enrollments    | user.sourcedId='stu-040'                                  | enr-poly-eng11-2-stu-040 enr-poly-hist-4-stu-040",
            "/enrollments    | primary='true' AND class.sourcedId='cls-muir-sci7-3'      | enr-muir-sci7-3-tch-003",
            "/enrollments    | status='tobedeleted'                                      | enr-poly-eng11-2-stu-040",
            "/demographics   | sex='male' AND birthDate='2018-02-02'                     | stu-002",
            "/demographics   | white='true' AND asian='true'                             | stu-001 stu-016 stu-031",
    })
    void filtersSelectExactlyTheMatchingRecords(String path, String filter, String expected) {
        RunningApp.Response r = f.oneRoster(path + "?limit=1000&filter=" + encode(filter));
        assertEquals(200, r.status(), r.toString());
        List<String> want = expected.isEmpty() ? List.of() : Arrays.asList(expected.split(" "));
        assertEquals(want, ids(r), r.body());
        assertEquals(Integer.toString(want.size()), r.header("X-Total-Count"));
    }

    @ParameterizedTest(name = "{0}{1} → {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "/users          | nickname='x'                          | invalid_filter_field | unknown field 'nickname' for users",
            "/users          | password='x'                          | invalid_filter_field | unknown field 'password' for users",
            "/users          | userIds='x'                           | invalid_filter_field | unknown field 'userIds' for users",
            "/users          | status='active' OR school.sourcedId='x' | invalid_filter_field | unknown field 'school.sourcedId' for users",
            "/users          | dateLastModified>'yesterday'          | invalid data | dateLastModified is a datetime, and 'yesterday' is not one (expected an ISO 8601 datetime such as 2024-01-01T00:00:00Z, or a date)",
            "/users          | enabledUser>'true'                    | invalid data | the operator > does not apply to enabledUser, a boolean",
            "/users          | enabledUser='yes'                     | invalid data | enabledUser is a boolean, and 'yes' is not one (expected true or false)",
            "/users          | grades>'03'                           | invalid data | the operator > does not apply to grades, a list",
            "/users          | dateLastModified~'2026'               | invalid data | the operator ~ does not apply to dateLastModified, a datetime",
            "/demographics   | birthDate>'+999999999-12-31'          | invalid data | birthDate is a date, and '+999999999-12-31' is not one (expected YYYY-MM-DD)",
            "/users          | dateLastModified>'+999999-01-01T00:00:00Z' | invalid data | dateLastModified is a datetime, and '+999999-01-01T00:00:00Z' is not one (expected an ISO 8601 datetime such as 2024-01-01T00:00:00Z, or a date)",
            "/academicSessions | schoolYear='27'                     | invalid data | schoolYear is a year, and '27' is not one (expected YYYY)",
            "/users          | familyName='x' OR '1'='1'             | invalid data | expected a field name at character 19",
            "/users          | familyName='x'; DROP TABLE roster_user | invalid data | expected the end of the filter, or ' AND ' or ' OR ' and a second predicate at character 15",
    })
    void badFiltersAre400NamingWhatIsWrong(String path, String filter, String codeMinor, String description) {
        RunningApp.Response r = f.oneRoster(path + "?filter=" + encode(filter));
        assertEquals(400, r.status(), r.toString());
        assertEquals(codeMinor, statusInfo(r).get("imsx_codeMinor"));
        assertEquals(description, statusInfo(r).get("imsx_description"));
        assertEquals("failure", statusInfo(r).get("imsx_codeMajor"));
    }

    @Test
    void aNulInAValueIs400NotAnSqlError() {
        RunningApp.Response r = f.oneRoster("/users?filter=familyName%3D%27a%00b%27");
        assertEquals(400, r.status(), r.toString());
        assertEquals("invalid data", statusInfo(r).get("imsx_codeMinor"));
    }

    @Test
    void sortOrdersByTheFieldThenBySourcedId() {
        assertEquals(List.of("par-001", "par-002", "par-003", "par-004", "stu-001"), ids(f.oneRoster("/users?sort=role&limit=5")));
        assertEquals(List.of("tch-001", "tch-002", "tch-003", "tch-004", "tch-005"),
                ids(f.oneRoster("/users?sort=role&orderBy=desc&limit=5")), "descending by role, ties still by sourcedId ascending");
        List<String> titles = List.of("cls-poly-eng11-2", "cls-lin-g3-hr", "cls-muir-math7-1", "cls-muir-sci7-3", "cls-poly-hist-4");
        assertEquals(titles, ids(f.oneRoster("/classes?sort=title")));
        assertEquals(List.of("cls-poly-hist-4", "cls-muir-sci7-3", "cls-muir-math7-1", "cls-lin-g3-hr", "cls-poly-eng11-2"), ids(f.oneRoster("/classes?sort=title&orderBy=desc")));
        String twoDates = "&filter=" + encode("sourcedId='tch-001' OR sourcedId='stu-041'");
        assertEquals(List.of("stu-041", "tch-001"), ids(f.oneRoster("/users?sort=dateLastModified" + twoDates)),
                "the delta's date is older than the bulk run's");
        assertEquals(List.of("tch-001", "stu-041"), ids(f.oneRoster("/users?sort=dateLastModified&orderBy=desc" + twoDates)));
    }

    @Test
    void anUnknownSortFieldServesTheDefaultOrderWithAWarning() {
        for (String sort : List.of("nickname", "grades", "password")) {
            RunningApp.Response r = f.oneRoster("/users?limit=3&sort=" + sort);
            assertEquals(200, r.status(), r.toString());
            assertEquals(List.of("par-001", "par-002", "par-003"), ids(r));
            assertEquals("success", statusInfo(r).get("imsx_codeMajor"));
            assertEquals("warning", statusInfo(r).get("imsx_severity"));
            assertEquals("invalid_sort_field", statusInfo(r).get("imsx_codeMinor"));
            assertTrue(((String) statusInfo(r).get("imsx_description")).contains("'" + sort + "'"));
        }
    }

    @Test
    void fieldsSelectsKeysAndWarnsOfUnknownOnes() {
        Map<?, ?> user = (Map<?, ?>) f.oneRoster("/users/tch-001?fields=sourcedId,givenName").map().get("user");
        assertEquals(Map.of("sourcedId", "tch-001", "givenName", "María José"), user);
        RunningApp.Response r = f.oneRoster("/classes?fields=title,nope,course&limit=1");
        assertEquals(200, r.status(), r.toString());
        Map<?, ?> cls = (Map<?, ?>) ((List<?>) r.map().get("classes")).get(0);
        assertEquals(Set.of("title", "course"), cls.keySet());
        assertEquals("invalid_selection_field", statusInfo(r).get("imsx_codeMinor"));
        assertEquals("warning", statusInfo(r).get("imsx_severity"));
        assertTrue(((String) statusInfo(r).get("imsx_description")).contains("nope"));
        assertEquals(Set.of("classes", "statusInfoSet"), r.map().keySet());
    }

    @Test
    void blankFieldsIs400() {
        for (String path : List.of("/users?fields=", "/users/tch-001?fields=", "/users?fields=,")) {
            RunningApp.Response r = f.oneRoster(path);
            assertEquals(400, r.status(), path + " " + r);
            assertEquals("invalid_blank_selection_field", statusInfo(r).get("imsx_codeMinor"), path);
        }
    }

    @Test
    void linksPageTheSameFilteredSelectionToTheEnd() {
        String filter = "filter=" + encode("role='student'") + "&sort=familyName";
        RunningApp.Response first = f.oneRoster("/users?" + filter + "&limit=15");
        assertEquals("41", first.header("X-Total-Count"));
        List<String> seen = new ArrayList<>(ids(first));
        String link = first.header("Link");
        assertTrue(link.contains("offset=30>; rel=\"last\""), link);
        String next = rel(link, "next");
        while (next != null) {
            assertTrue(next.contains("filter=role%3D%27student%27"), next);
            RunningApp.Response page = f.oneRoster(next.substring(next.indexOf("/ims/oneroster/v1p1") + "/ims/oneroster/v1p1".length()));
            assertEquals("41", page.header("X-Total-Count"));
            seen.addAll(ids(page));
            next = rel(page.header("Link"), "next");
        }
        assertEquals(41, seen.size());
        assertEquals(41, Set.copyOf(seen).size(), "no record on two pages, none left out");
    }

    @Test
    void walkingPagesInTheDefaultOrderServesEveryRecordOnceInOrder() {
        for (String selection : List.of("", "&filter=" + encode("role!='teacher'"))) {
            List<String> all = ids(f.oneRoster("/users?limit=1000" + selection));
            List<String> walked = new ArrayList<>();
            String next = "/users?limit=7" + selection;
            while (next != null) {
                RunningApp.Response page = f.oneRoster(next);
                assertEquals(Integer.toString(all.size()), page.header("X-Total-Count"), next);
                walked.addAll(ids(page));
                String link = rel(page.header("Link"), "next");
                next = link == null ? null : link.substring(link.indexOf("/ims/oneroster/v1p1") + "/ims/oneroster/v1p1".length());
            }
            assertEquals(all, walked, selection);
            // a page asked for again, or out of turn, is the same page
            assertEquals(all.subList(14, 21), ids(f.oneRoster("/users?limit=7&offset=14" + selection)));
            assertEquals(all.subList(3, 10), ids(f.oneRoster("/users?limit=7&offset=3" + selection)));
        }
    }

    @Test
    void thePageAfterTheLastStillCountsEveryRecord() {
        RunningApp.Response r = f.oneRoster("/users?offset=1000");
        assertEquals(200, r.status());
        assertEquals(List.of(), ids(r));
        assertEquals("51", r.header("X-Total-Count"));
        assertEquals("51", f.oneRoster("/users?limit=51").header("X-Total-Count"));
        assertEquals("51", f.oneRoster("/users?limit=50").header("X-Total-Count"));
    }

    @Test
    void withdrawnRecordsAreServedWithStatusTobedeleted() {
        Map<?, ?> user = (Map<?, ?>) f.oneRoster("/users/stu-040").map().get("user");
        assertEquals("tobedeleted", user.get("status"));
        assertEquals("2026-11-25T07:00:00Z", user.get("dateLastModified"));
        assertEquals("tobedeleted", ((Map<?, ?>) f.oneRoster("/enrollments/enr-poly-eng11-2-stu-040").map().get("enrollment")).get("status"));
        assertTrue(ids(f.oneRoster("/classes/cls-poly-eng11-2/students")).contains("stu-040"), "a withdrawn enrollment is still listed, as tobedeleted");
    }

    private static String rel(String link, String rel) {
        Matcher m = Pattern.compile("<([^>]*)>; rel=\"" + rel + "\"").matcher(link);
        return m.find() ? m.group(1) : null;
    }

    private static List<String> ids(RunningApp.Response r) {
        Object records = r.map().values().iterator().next();
        return ((List<?>) records).stream().map(u -> (String) ((Map<?, ?>) u).get("sourcedId")).toList();
    }

    private static Map<?, ?> statusInfo(RunningApp.Response r) {
        return (Map<?, ?>) ((List<?>) r.map().get("statusInfoSet")).get(0);
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
