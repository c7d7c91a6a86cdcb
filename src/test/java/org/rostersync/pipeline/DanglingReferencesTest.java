package org.rostersync.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No served link leads nowhere: a reference to a record of the same file that never came (an org's parent, a user's
 * agent) is taken out of the served record and reported, as a reference into another file is; when its target comes,
 * the link is served again.
 */
@ExtendWith(RunningApp.class)
class DanglingReferencesTest {

    private static final String NEW_SCHOOL = "org-sch-new,,,New School,school,0633750099,org-nowhere";

    @Test
    void aReferenceWithinAFileToARecordThatNeverCameIsNotServedAndComesBackWithItsTarget(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Dangling").withoutSafeguards();
        f.deliver(Fixture.SAMPLE);
        String orgs = sample("orgs.csv") + NEW_SCHOOL + "\n";
        String amelie = sample("users.csv").lines().filter(l -> l.startsWith("stu-005,")).findFirst().orElseThrow();
        String users = sample("users.csv").replace(amelie, amelie.replace(",,,,03,", ",,,\"tch-001,ghost-1\",03,"));
        f.deliver("orgs.csv", orgs);
        f.deliver("users.csv", users);
        Map<String, Object> run = f.run();
        assertEquals("succeeded_with_issues", run.get("status"), run.toString());

        Map<?, ?> school = (Map<?, ?>) f.oneRoster("/orgs/org-sch-new").map().get("org");
        assertNull(school.get("parent"), "no link to an org that is not there: " + school);
        Map<?, ?> student = (Map<?, ?>) f.oneRoster("/users/stu-005").map().get("user");
        List<?> agents = (List<?>) student.get("agents");
        assertEquals(List.of("tch-001"), agents.stream().map(a -> ((Map<?, ?>) a).get("sourcedId")).toList(), student.toString());
        List<Map<String, Object>> issues = PipelineTest.issues(app, run);
        Map<String, Object> parent = issues.stream().filter(i -> "org-sch-new".equals(i.get("sourcedId"))).findFirst().orElseThrow();
        assertEquals("reference.missing_target", parent.get("code"));
        assertEquals("parentSourcedId 'org-nowhere' names no record of orgs.csv; left out", parent.get("message"));
        assertTrue(issues.stream().anyMatch(i -> "stu-005".equals(i.get("sourcedId")) && "agentSourcedIds".equals(i.get("column"))), issues.toString());

        Map<String, Object> again = f.run();
        assertEquals(0, ((Number) PipelineTest.file(again, "orgs.csv").get("updated")).intValue(), "the same file again changes nothing");
        assertEquals(0, ((Number) PipelineTest.file(again, "users.csv").get("updated")).intValue());
        assertNull(((Map<?, ?>) f.oneRoster("/orgs/org-sch-new").map().get("org")).get("parent"));

        f.deliver("orgs.csv", orgs + "org-nowhere,,,Somewhere,district,,\n");
        assertEquals("succeeded_with_issues", f.run().get("status"), "stu-005's ghost agent is still reported");
        Map<?, ?> found = (Map<?, ?>) ((Map<?, ?>) f.oneRoster("/orgs/org-sch-new").map().get("org")).get("parent");
        assertEquals("org-nowhere", found.get("sourcedId"), "the parent came: the link is served");
        assertEquals(200, app.get(((String) found.get("href")).replaceFirst("^https?://[^/]+", ""), f.clientId(), f.clientSecret()).status());
    }

    private static String sample(String name) {
        try {
            return Files.readString(Fixture.SAMPLE.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
