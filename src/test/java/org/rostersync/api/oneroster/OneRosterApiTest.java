package org.rostersync.api.oneroster;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(RunningApp.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OneRosterApiTest {

    private Fixture f;

    @BeforeAll
    void importSample(RunningApp.App app) {
        f = Fixture.create(app, "API district");
        f.deliver(Fixture.SAMPLE);
        assertEquals("succeeded", f.run().get("status"));
    }

    @Test
    void requestsWithoutOrWithWrongCredentialsAre401WithStatusInfo(RunningApp.App app) {
        for (RunningApp.Response r : List.of(
                app.get("/ims/oneroster/v1p1/users", null, null),
                app.get("/ims/oneroster/v1p1/users", f.clientId(), "wrong-secret"),
                app.get("/ims/oneroster/v1p1/users", "no-such-client", f.clientSecret()),
                app.get("/ims/oneroster/v1p1/users", "admin", RunningApp.ADMIN_PASSWORD))) {
            assertEquals(401, r.status(), r.toString());
            assertEquals("unauthorized", statusInfo(r).get("imsx_codeMinor"));
        }
    }

    @Test
    void collectionsPageWithLimitOffsetTotalAndLinks() {
        RunningApp.Response page = f.oneRoster("/users?limit=10&offset=20");
        assertEquals(200, page.status());
        assertEquals("50", page.header("X-Total-Count"));
        List<?> users = (List<?>) page.map().get("users");
        assertEquals(10, users.size());
        assertEquals("stu-017", ((Map<?, ?>) users.get(0)).get("sourcedId"), "records come in sourcedId order: 4 parents, then students");
        String link = page.header("Link");
        assertTrue(link.contains("offset=30>; rel=\"next\""), link);
        assertTrue(link.contains("offset=10>; rel=\"prev\""), link);
        assertTrue(link.contains("offset=0>; rel=\"first\""), link);
        assertTrue(link.contains("offset=40>; rel=\"last\""), link);
        assertEquals(50, ((List<?>) f.oneRoster("/users").map().get("users")).size(), "default limit 100");
        assertEquals(74, ((List<?>) f.oneRoster("/enrollments").map().get("enrollments")).size());
        assertEquals("5", f.oneRoster("/classes").header("X-Total-Count"));
    }

    @Test
    void badPagingIs400InvalidData() {
        for (String query : List.of("limit=0", "limit=abc", "offset=-1", "limit=100000")) {
            RunningApp.Response r = f.oneRoster("/users?" + query);
            assertEquals(400, r.status(), query);
            assertEquals("invalid data", statusInfo(r).get("imsx_codeMinor"), query);
        }
    }

    @Test
    void singleRecordsUseTheSingularKeyAndGuidRefs() {
        Map<?, ?> org = (Map<?, ?>) f.oneRoster("/orgs/org-sch-muir").map().get("org");
        assertEquals("John Muir Middle School", org.get("name"));
        assertEquals("school", org.get("type"));
        assertEquals("org-district", ((Map<?, ?>) org.get("parent")).get("sourcedId"));
        Map<?, ?> district = (Map<?, ?>) f.oneRoster("/orgs/org-district").map().get("org");
        assertEquals(3, ((List<?>) district.get("children")).size());

        Map<?, ?> cls = (Map<?, ?>) f.oneRoster("/classes/cls-lin-g3-hr").map().get("class");
        assertEquals("Grade 3 Homeroom, Room 12", cls.get("title"));
        assertEquals("homeroom", cls.get("classType"));
        assertEquals(List.of("as-2027-fall", "as-2027-spring"),
                ((List<?>) cls.get("terms")).stream().map(t -> ((Map<?, ?>) t).get("sourcedId")).toList());
        assertEquals("academicSession", ((Map<?, ?>) ((List<?>) cls.get("terms")).get(0)).get("type"));
        assertEquals("course", ((Map<?, ?>) cls.get("course")).get("type"));

        Map<?, ?> enrollment = (Map<?, ?>) f.oneRoster("/enrollments/enr-lin-g3-hr-tch-001").map().get("enrollment");
        assertEquals("teacher", enrollment.get("role"));
        assertEquals("true", enrollment.get("primary"));
        assertEquals("2026-08-17", enrollment.get("beginDate"));
        assertEquals("tch-001", ((Map<?, ?>) enrollment.get("user")).get("sourcedId"));
        assertEquals("cls-lin-g3-hr", ((Map<?, ?>) enrollment.get("class")).get("sourcedId"));

        Map<?, ?> user = (Map<?, ?>) f.oneRoster("/users/tch-001").map().get("user");
        assertEquals("María José", user.get("givenName"));
        assertEquals("active", user.get("status"));
        assertTrue(((String) user.get("dateLastModified")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"));
        assertTrue(!user.containsKey("password"), "passwords are never served");
    }

    @Test
    void unknownIdIs404UnknownObject() {
        for (String path : List.of("/users/nobody", "/orgs/nobody", "/classes/nobody", "/enrollments/nobody")) {
            RunningApp.Response r = f.oneRoster(path);
            assertEquals(404, r.status(), path);
            assertEquals("unknown object", statusInfo(r).get("imsx_codeMinor"), path);
            assertEquals("failure", statusInfo(r).get("imsx_codeMajor"), path);
        }
    }

    private static Map<?, ?> statusInfo(RunningApp.Response r) {
        return (Map<?, ?>) ((List<?>) r.map().get("statusInfoSet")).get(0);
    }
}
