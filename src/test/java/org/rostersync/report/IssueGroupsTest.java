package org.rostersync.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.notify.NotificationsTest;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run page's counts from remembered groups agree with counting the issues in the database, filter by filter. */
@ExtendWith(RunningApp.class)
class IssueGroupsTest {

    @Test
    void everyFiltersCountFromTheGroupsIsTheDatabasesCountAndPagesAreTheSame(RunningApp.App app) throws Exception {
        Fixture f = Fixture.create(app, "Grouped issues district").withoutSafeguards();
        app.adminPut("/api/sources/" + f.sourceId() + "/data-requirements", "{\"users\":{\"email\":\"report\",\"phone\":\"skip\"}}");
        NotificationsTest.deliverSchool(f, 0);
        StringBuilder users = new StringBuilder(NotificationsTest.users(0));
        for (int i = 0; i < 40; i++) {
            // "Student" and grade 99 (warnings), a parent not delivered (an error), no email (an error) or no phone (skipped)
            users.append("u").append(i).append(",,,true,s1,Student,u").append(i).append(",,Ann,Lee,,,")
                    .append(i % 4 == 3 ? "u" + i + "@district.test,," : ",,555-0100").append(",parent").append(i).append(",99,\n");
        }
        f.deliver("users.csv", users.toString());
        f.deliver("stray.txt", "not a roster file"); // a warning of another file and code
        Map<String, Object> ended = f.run();

        RunStore store = app.context().getBean(RunStore.class);
        IssueGroups groups = app.context().getBean(IssueGroups.class);
        Run run = store.find(UUID.fromString((String) ended.get("id"))).orElseThrow();
        List<IssueFilter> filters = new ArrayList<>();
        for (String file : new String[]{null, "users.csv", "orgs.csv", "stray.txt"}) {
            for (Outcome outcome : new Outcome[]{null, Outcome.error, Outcome.warning, Outcome.skipped}) {
                for (String code : new String[]{null, "row.", "reference.", "row.value_case", "row.missing_required_value", "row.value", "delivery."}) {
                    filters.add(new IssueFilter(file, outcome, code, null));
                }
            }
        }
        filters.add(new IssueFilter(null, null, null, "u1"));
        filters.add(new IssueFilter("users.csv", Outcome.error, "reference.", "u3"));
        IssueStore issues = app.context().getBean(IssueStore.class);
        long all = issues.countIssues(run.id(), IssueFilter.ALL);
        assertTrue(all > 100, "the run lists its issues: " + all);
        for (IssueFilter filter : filters) {
            IssueSlice slice = groups.slice(run, filter, null, 1000);
            assertEquals(issues.countIssues(run.id(), filter), slice.matching(), filter.toString());
            assertEquals(slice.matching(), slice.issues().size(), "a page of 1000 holds them all: " + filter);
        }
        assertEquals(10, groups.slice(run, new IssueFilter(null, Outcome.skipped, null, null), null, 1000).matching(),
                "one student in four lacks a phone and is skipped");
    }

    @Test
    void issuesBeyondOneStatementsPartAreAllWrittenInTheirOrder(RunningApp.App app) throws Exception {
        Fixture f = Fixture.create(app, "Many written issues district").withoutSafeguards();
        NotificationsTest.deliverSchool(f, 0);
        int count = IssueStore.ISSUES_PER_STATEMENT + 2_001;
        StringBuilder users = new StringBuilder(NotificationsTest.users(0));
        for (int i = 0; i < count; i++) {
            users.append("u").append(i).append(",,,true,s1,student,,,Ann,Lee,,,,,,,,\n"); // no username: one issue each
        }
        f.deliver("users.csv", users.toString());
        Map<String, Object> ended = f.run();

        IssueStore store = app.context().getBean(IssueStore.class);
        UUID runId = UUID.fromString((String) ended.get("id"));
        assertEquals(count, store.countIssues(runId, IssueFilter.ALL));
        List<IssueSlice.Numbered> across = store.issuesAfter(runId, IssueFilter.ALL, IssueStore.ISSUES_PER_STATEMENT - 3, 5).issues();
        assertEquals(List.of(9_998, 9_999, 10_000, 10_001, 10_002), across.stream().map(IssueSlice.Numbered::seq).toList(),
                "positions run on across the statements");
        assertEquals(List.of(10_000L, 10_001L, 10_002L, 10_003L, 10_004L), across.stream().map(n -> n.issue().line()).toList(),
                "each issue keeps its own line (the header is line 1)");
    }
}
