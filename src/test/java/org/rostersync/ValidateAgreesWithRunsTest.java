package org.rostersync;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code rostersync validate --rules} with the rules a source exported raises, issue by issue, what a run of that source
 * raises on the same files: the checks are one code path, and the rules carry every setting that changes them.
 */
@ExtendWith(RunningApp.class)
class ValidateAgreesWithRunsTest {

    @TempDir
    Path dir;

    @Test
    void validateWithTheExportedRulesRaisesExactlyTheIssuesOfARunOfTheSource(RunningApp.App app) throws IOException {
        Fixture f = Fixture.create(app, "Agreement");
        setNonDefaultRules(app, f);
        Path delivery = plantedFaults();
        // exported before the run, as a vendor checks before sending: a run teaches the school mapping the schools it saw
        Path rules = Files.writeString(dir.resolve("rules.json"), app.adminGet("/api/sources/" + f.sourceId() + "/rules").body());
        List<String> offline = validateIssues("--rules", rules.toString(), delivery.toString());

        f.deliver(delivery);
        Map<String, Object> run = f.run();
        assertEquals("succeeded_with_issues", run.get("status"), run.toString());
        List<String> online = runIssues(app, (String) run.get("id"));

        assertSameIssues(online, offline);
        for (String planted : List.of(
                "row.missing_required_value users.csv:10 stu-003 email skipped",         // users.email Skip if Missing
                "row.missing_required_value users.csv:11 stu-004 identifier error",      // users.identifier Report if Missing,
                                                                                        // read from metadata.studentNumber
                "row.school_not_mapped orgs.csv:6 org-sch-new sourcedId skipped",         // explicit mode, unknown school
                "row.school_excluded orgs.csv:5 org-sch-poly sourcedId skipped",          // excluded by the mapping
                "reference.missing_target users.csv:12 stu-005 orgSourcedIds skipped",    // a dangling reference
                "reference.duplicate_sourced_id users.csv:52 stu-001 sourcedId skipped",  // a sourcedId twice
                "row.invalid_enum orgs.csv:7 org-x type skipped",                          // a bad enum
                "row.invalid_date enrollments.csv:76 enr-bad-date beginDate error",        // a bad date
                "row.deletion_prevented academicSessions.csv:4 as-2027-spring status skipped")) { // neverDelete
            assertTrue(online.stream().anyMatch(i -> i.startsWith(planted + " ")), planted + " in " + online);
        }
        assertTrue(online.stream().anyMatch(i -> i.startsWith("reference.school_not_mapped ")), "records of a school out of scope: " + online);
        assertTrue(online.stream().anyMatch(i -> i.startsWith("reference.skipped_target enrollments.csv")), "the cascade: " + online);

        List<String> defaults = validateIssues(delivery.toString());
        assertNotEquals(online, defaults, "without the rules, a new source's defaults raise other issues");
        assertTrue(defaults.stream().noneMatch(i -> i.startsWith("row.school_not_mapped")), defaults.toString());
    }

    @Test
    void onlyARunKnowsWhatTheRosterHoldsAndSaysSoWhereValidateCannot(RunningApp.App app) throws IOException {
        Fixture f = Fixture.create(app, "Agreement over a roster");
        setNonDefaultRules(app, f);
        Path delivery = plantedFaults();
        f.deliver(delivery);
        assertEquals("succeeded_with_issues", f.run().get("status"));

        // the next night's users.csv no longer lists stu-002: the source never deletes, so the run keeps it and says so
        String users = Files.readString(delivery.resolve("users.csv"));
        Files.writeString(delivery.resolve("users.csv"), users.lines().filter(l -> !l.startsWith("stu-002,"))
                .reduce("", (a, l) -> a + l + "\r\n"));
        f.deliver("users.csv", Files.readString(delivery.resolve("users.csv")));
        Map<String, Object> run = f.run();
        List<String> online = new ArrayList<>(runIssues(app, (String) run.get("id")));
        Path rules = Files.writeString(dir.resolve("rules.json"), app.adminGet("/api/sources/" + f.sourceId() + "/rules").body());
        List<String> offline = validateIssues("--rules", rules.toString(), delivery.toString());

        List<String> rosterOnly = online.stream().filter(i -> i.startsWith("safeguard.deletions_prevented ")).toList();
        assertEquals(List.of("demographics.csv", "enrollments.csv", "users.csv"), rosterOnly.stream()
                .map(i -> i.split(" ")[1].replace(":-", "")).toList(), "stu-002, its demographics and enrollments are kept:"
                + " records the files no longer list are the roster's to know, not the delivery's");
        online.removeAll(rosterOnly);
        assertSameIssues(online, offline);
    }

    /** The same issues one by one; a failure names only those one side lacks. */
    private static void assertSameIssues(List<String> online, List<String> offline) {
        List<String> onlyOnline = new ArrayList<>(online);
        offline.forEach(onlyOnline::remove);
        List<String> onlyOffline = new ArrayList<>(offline);
        online.forEach(onlyOffline::remove);
        assertEquals(List.of(), onlyOnline, "raised by the run only (offline only: " + onlyOffline + ")");
        assertEquals(List.of(), onlyOffline, "raised offline only");
        assertEquals(online, offline);
    }

    /** Non-default settings of every kind the rules carry, set through the admin API as an operator would. */
    private static void setNonDefaultRules(RunningApp.App app, Fixture f) {
        String source = "/api/sources/" + f.sourceId();
        assertEquals(200, app.adminPut(source + "/data-requirements",
                "{\"users\":{\"email\":\"skip\",\"identifier\":\"report\"}}").status());
        assertEquals(200, app.adminPut(source + "/attribute-mapping",
                "{\"users\":{\"identifier\":\"metadata.studentNumber\"}}").status());
        assertEquals(200, app.adminPut(source + "/school-mapping", "{\"mode\":\"explicit\",\"schools\":["
                + "{\"sourcedId\":\"org-sch-lincoln\",\"included\":true},{\"sourcedId\":\"org-sch-muir\",\"included\":true},"
                + "{\"sourcedId\":\"org-sch-poly\",\"included\":false}]}").status());
        assertEquals(200, app.adminPut(source + "/safeguards",
                "{\"maxDeletedPercent\":100,\"maxChangedPercent\":100,\"neverDelete\":true}").status());
    }

    /** The sample delivery with faults of several kinds planted (lines as the assertions above name them). */
    private Path plantedFaults() throws IOException {
        Path d = Files.createDirectories(dir.resolve("delivery"));
        try (var files = Files.list(Fixture.SAMPLE)) {
            for (Path file : files.toList()) {
                Files.copy(file, d.resolve(file.getFileName()));
            }
        }
        Files.writeString(d.resolve("manifest.csv"), Files.readString(d.resolve("manifest.csv"))
                .replace("file.academicSessions,bulk", "file.academicSessions,delta"));
        Files.writeString(d.resolve("academicSessions.csv"), Files.readString(d.resolve("academicSessions.csv"))
                .replace("as-2027,,,", "as-2027,active,2026-08-01T00:00:00Z,")
                .replace("as-2027-fall,,,", "as-2027-fall,active,2026-08-01T00:00:00Z,")
                .replace("as-2027-spring,,,", "as-2027-spring,tobedeleted,2026-08-01T00:00:00Z,"));
        Files.writeString(d.resolve("orgs.csv"), Files.readString(d.resolve("orgs.csv"))
                + "org-sch-new,,,Riverside New Tech,school,063375009,org-district\r\n"
                + "org-x,,,Riverside Annex,campus,063375010,org-district\r\n");
        List<String> users = new ArrayList<>(Files.readString(d.resolve("users.csv")).lines().toList());
        users.set(0, users.get(0) + ",metadata.studentNumber");
        for (int i = 1; i < users.size(); i++) {
            String row = users.get(i);
            String id = row.substring(0, row.indexOf(','));
            users.set(i, row + "," + (id.equals("stu-004") ? "" : "SN-" + id));
            if (id.equals("stu-003")) {
                users.set(i, users.get(i).replace("s003@students.riverside.example.org", ""));
            }
        }
        for (int i = 1; i < users.size(); i++) {
            if (users.get(i).startsWith("stu-005,")) {
                users.set(i, users.get(i).replace("org-sch-", "org-sch-nowhere-"));
            }
        }
        users.add(users.get(users.indexOf(users.stream().filter(u -> u.startsWith("stu-001,")).findFirst().orElseThrow())));
        Files.writeString(d.resolve("users.csv"), String.join("\r\n", users) + "\r\n");
        Files.writeString(d.resolve("enrollments.csv"), Files.readString(d.resolve("enrollments.csv"))
                + "enr-bad-date,,,cls-lin-g3-hr,org-sch-lincoln,tch-001,teacher,false,2026-13-45,\r\n"
                + "enr-no-class,,,cls-nowhere,org-sch-lincoln,tch-001,teacher,false,2026-08-17,\r\n");
        return d;
    }

    /** The run's issues, each as "code file:line sourcedId column outcome", sorted. */
    private static List<String> runIssues(RunningApp.App app, String runId) {
        RunningApp.Response page = app.adminGet("/api/runs/" + runId + "/issues?limit=10000");
        assertEquals(200, page.status(), page.toString());
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) page.map().get("issues")) {
            out.add(key((Map<?, ?>) o));
        }
        return out.stream().sorted().toList();
    }

    private List<String> validateIssues(String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--format", "json"));
        int status = new ValidateCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(command);
        assertEquals(ValidateCommand.HAS_ERRORS, status, err.toString(StandardCharsets.UTF_8));
        Map<String, Object> json = JsonMapper.createDefault().readValue(out.toByteArray(), Argument.mapOf(String.class, Object.class));
        return ((List<?>) json.get("issues")).stream().map(o -> key((Map<?, ?>) o)).sorted().toList();
    }

    private static String key(Map<?, ?> issue) {
        Object line = issue.get("line");
        return issue.get("code") + " " + issue.get("file") + ":" + (line == null ? "-" : ((Number) line).longValue()) + " "
                + issue.get("sourcedId") + " " + issue.get("column") + " " + issue.get("outcome")
                + " | " + issue.get("value") + " | " + issue.get("message");
    }
}
