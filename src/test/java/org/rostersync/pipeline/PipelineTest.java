package org.rostersync.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.CapturedLog;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;
import org.rostersync.support.Zips;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a run does with good, bad and missing deliveries, observed through the admin and OneRoster APIs. */
@ExtendWith(RunningApp.class)
class PipelineTest {

    private static final String MANIFEST = "propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\nfile.orgs,bulk\nfile.users,bulk\n";
    private static final String ORGS = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n"
            + "d1,,,District,district,,\ns1,,,School One,school,,d1\n";
    private static final String USERS_HEADER = "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
            + "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n";

    @Test
    void runWithoutAnyCompleteDeliveryFailsAndSaysSo(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Empty");
        Map<String, Object> run = f.run();
        assertEquals("failed", run.get("status"));
        assertEquals("no complete delivery for source " + f.sourceId() + " (Empty SIS)", run.get("message"));
        assertEquals("0", f.oneRoster("/orgs").header("X-Total-Count"));
    }

    @Test
    void fileWithoutSourcedIdColumnFailsTheRunAndLeavesTheRosterAsItWas(RunningApp.App app) {
        Fixture f = Fixture.create(app, "No sourcedId");
        f.deliver("manifest.csv", MANIFEST);
        f.deliver("orgs.csv", ORGS);
        f.deliver("users.csv", USERS_HEADER + "u1,,,true,s1,student,u1,,Ann,Lee,,,,,,,,\n");
        assertEquals("succeeded", f.run().get("status"));

        f.deliver("orgs.csv", ORGS + "s2,,,School Two,school,,d1\n");
        f.deliver("users.csv", "id,givenName\nu1,Changed\n");
        Map<String, Object> run = f.run();

        assertEquals("failed", run.get("status"));
        assertTrue(((String) run.get("message")).contains("nothing was applied"), run.toString());
        Map<String, Object> fatal = issues(app, run).stream().filter(i -> "fatal".equals(i.get("outcome"))).findFirst().orElseThrow();
        assertEquals("users.csv", fatal.get("file"));
        assertEquals("sourcedId", fatal.get("column"));
        assertTrue(((String) fatal.get("message")).contains("no sourcedId column"), fatal.toString());
        assertEquals("2", f.oneRoster("/orgs").header("X-Total-Count"), "orgs.csv of the failed run was not applied");
        Map<?, ?> user = (Map<?, ?>) f.oneRoster("/users/u1").map().get("user");
        assertEquals("Ann", user.get("givenName"));
    }

    @Test
    void badRowsBecomeIssuesWithFileLineAndColumnAndGoodRowsAreImported(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Bad rows");
        f.deliver("manifest.csv", MANIFEST);
        f.deliver("orgs.csv", ORGS);
        f.deliver("users.csv", USERS_HEADER
                + "u1,,,true,s1,student,u1,,Ann,Lee,,,,,,,,\n"          // line 2: fine
                + "u2,,,maybe,s1,student,u2,,Bob,Ray,,,,,,,,\n"         // line 3: enabledUser invalid → error, kept
                + ",,,true,s1,student,u3,,No,Id,,,,,,,,\n"              // line 4: no sourcedId → skipped
                + "u4,,,true,s1,student\n"                              // line 5: ragged → skipped
                + "u1,,,true,s1,student,u1,,Ann,Again,,,,,,,,\n"        // line 6: duplicate → skipped
                + "u5,,,true,s1,pupil,u5,,Cy,Day,,,,,,,,\n"            // line 7: role invalid → error, kept
                + "u6,,,true,s1,student,u6,,Di\u0007,Ek,,,,,,,,\n"       // line 8: control character → skipped
                + "u" + "7".repeat(300) + ",,,true,s1,student,u7,,Ed,Fox,,,,,,,,\n" // line 9: sourcedId too long → skipped
                + "u8,,,true,s1,student,u8,," + "G".repeat(5000) + ",Hay,,,,,,,,\n"); // line 10: field too long → error, kept
        Map<String, Object> run = f.run();

        assertEquals("succeeded_with_issues", run.get("status"), run.toString());
        Map<String, Object> users = file(run, "users.csv");
        assertEquals(9, ((Number) users.get("rows")).intValue());
        assertEquals(3, ((Number) users.get("inserted")).intValue());
        assertEquals(6, ((Number) users.get("skipped")).intValue());
        assertEquals(2, ((Number) users.get("errors")).intValue());
        List<Map<String, Object>> issues = issues(app, run);
        assertIssue(issues, 3, "u2", "enabledUser", "row.invalid_boolean", "error");
        assertIssue(issues, 4, null, "sourcedId", "row.missing_required_value", "skipped");
        assertIssue(issues, 5, null, null, "row.wrong_field_count", "skipped");
        assertIssue(issues, 6, "u1", "sourcedId", "reference.duplicate_sourced_id", "skipped");
        assertIssue(issues, 7, "u5", "role", "row.invalid_enum", "skipped"); // a user cannot exist without a role
        assertIssue(issues, 8, null, null, "row.control_character", "skipped");
        assertIssue(issues, 9, null, "sourcedId", "row.field_too_long", "skipped");
        assertIssue(issues, 10, "u8", "givenName", "row.field_too_long", "error");
        Map<String, Object> role = issues.stream().filter(i -> "row.invalid_enum".equals(i.get("code"))).findFirst().orElseThrow();
        assertEquals("pupil", role.get("value"), "the offending value is shown");
        Map<String, Object> longName = issues.stream().filter(i -> "givenName".equals(i.get("column")) && "row.field_too_long".equals(i.get("code"))).findFirst().orElseThrow();
        assertEquals("G".repeat(100) + "…", longName.get("value"), "cut to 100 characters");
        Map<?, ?> ann = (Map<?, ?>) f.oneRoster("/users/u1").map().get("user");
        assertEquals("Lee", ann.get("familyName"), "the first of two rows with one sourcedId wins");
        Map<?, ?> bob = (Map<?, ?>) f.oneRoster("/users/u2").map().get("user");
        assertNull(bob.get("enabledUser"));
        assertEquals(404, f.oneRoster("/users/u4").status());
    }

    @Test
    void metadataColumnsAreKeptAndServedInMetadata(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Metadata");
        f.deliver("manifest.csv", MANIFEST);
        f.deliver("orgs.csv", ORGS);
        f.deliver("users.csv", USERS_HEADER.trim() + ",metadata.studentNumber,metadata.gm.additionalroles\n"
                + "u1,,,true,s1,student,u1,,Ann,Lee,,,,,,,,,S-0042,\n");
        assertEquals("succeeded", f.run().get("status"));
        Map<?, ?> user = (Map<?, ?>) f.oneRoster("/users/u1").map().get("user");
        assertEquals(Map.of("studentNumber", "S-0042"), user.get("metadata"), "blank metadata values are left out");
    }

    @Test
    void bulkFileMarksRecordsItNoLongerListsAsToBeDeletedAndRestoresThemWhenTheyReturn(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Bulk delete").withoutSafeguards();
        f.deliver("manifest.csv", MANIFEST);
        f.deliver("orgs.csv", ORGS);
        String ann = "u1,,,true,s1,student,u1,,Ann,Lee,,,,,,,,\n";
        String bob = "u2,,,true,s1,student,u2,,Bob,Ray,,,,,,,,\n";
        f.deliver("users.csv", USERS_HEADER + ann + bob);
        assertEquals("succeeded", f.run().get("status"));

        f.deliver("users.csv", USERS_HEADER + ann);
        Map<String, Object> second = f.run();
        assertEquals(1, ((Number) file(second, "users.csv").get("deleted")).intValue());
        assertEquals("tobedeleted", ((Map<?, ?>) f.oneRoster("/users/u2").map().get("user")).get("status"));
        assertEquals("2", f.oneRoster("/users").header("X-Total-Count"), "soft delete: still readable, with its status");

        f.deliver("users.csv", USERS_HEADER + ann + bob);
        Map<String, Object> third = f.run();
        assertEquals(1, ((Number) file(third, "users.csv").get("updated")).intValue());
        assertEquals("active", ((Map<?, ?>) f.oneRoster("/users/u2").map().get("user")).get("status"));
    }

    @Test
    void deltaFileAppliesChangesAndDeletionsWithoutTouchingUnlistedRecords(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Delta").withoutSafeguards();
        f.deliver("manifest.csv", MANIFEST);
        f.deliver("orgs.csv", ORGS);
        f.deliver("users.csv", USERS_HEADER + "u1,,,true,s1,student,u1,,Ann,Lee,,,,,,,,\nu2,,,true,s1,student,u2,,Bob,Ray,,,,,,,,\n"
                + "u3,,,true,s1,student,u3,,Cy,Day,,,,,,,,\n");
        assertEquals("succeeded", f.run().get("status"));

        f.deliver("manifest.csv", "propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\nfile.orgs,absent\nfile.users,delta\n");
        f.deliver("users.csv", USERS_HEADER
                + "u1,active,2026-11-20T10:00:00Z,true,s1,student,u1,,Ann,Lee-Smith,,,,,,,,\n"
                + "u2,tobedeleted,2026-11-20T10:00:00Z,true,s1,student,u2,,Bob,Ray,,,,,,,,\n");
        Map<String, Object> run = f.run();

        assertEquals("succeeded_with_issues", run.get("status"), "orgs.csv delivered but declared absent is a warning");
        Map<String, Object> users = file(run, "users.csv");
        assertEquals("delta", users.get("mode"));
        assertEquals(1, ((Number) users.get("updated")).intValue());
        assertEquals(1, ((Number) users.get("deleted")).intValue());
        assertEquals("Lee-Smith", ((Map<?, ?>) f.oneRoster("/users/u1").map().get("user")).get("familyName"));
        assertEquals("tobedeleted", ((Map<?, ?>) f.oneRoster("/users/u2").map().get("user")).get("status"));
        assertEquals("active", ((Map<?, ?>) f.oneRoster("/users/u3").map().get("user")).get("status"));
    }

    @Test
    void deltaSampleAfterTheMinimalSampleAddsChangesAndWithdraws(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Sample delta");
        f.deliver(Fixture.SAMPLE);
        assertEquals("succeeded", f.run().get("status"));
        for (String name : List.of("orgs.csv", "academicSessions.csv", "courses.csv", "classes.csv", "demographics.csv")) {
            f.remove(name);
        }
        f.deliver(java.nio.file.Path.of("samples/oneroster-1.1/delta"));
        Map<String, Object> run = f.run();
        assertEquals("succeeded", run.get("status"), run + "\n" + issues(app, run));
        assertEquals("51", f.oneRoster("/users").header("X-Total-Count"));
        assertEquals("Ngozi", ((Map<?, ?>) f.oneRoster("/users/stu-041").map().get("user")).get("givenName"));
        assertEquals("García-López", ((Map<?, ?>) f.oneRoster("/users/stu-002").map().get("user")).get("familyName"));
        assertEquals("tobedeleted", ((Map<?, ?>) f.oneRoster("/users/stu-040").map().get("user")).get("status"));
        assertEquals("tobedeleted", ((Map<?, ?>) f.oneRoster("/enrollments/enr-poly-eng11-2-stu-040").map().get("enrollment")).get("status"));
        assertEquals("active", ((Map<?, ?>) f.oneRoster("/users/stu-001").map().get("user")).get("status"), "delta leaves others alone");
    }

    @Test
    void fileListedInTheManifestButNotDeliveredFailsTheRun(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Missing file");
        f.deliver("manifest.csv", MANIFEST);
        f.deliver("orgs.csv", ORGS);
        Map<String, Object> run = f.run();
        assertEquals("failed", run.get("status"));
        Map<String, Object> missing = issues(app, run).stream().filter(i -> "manifest.file_missing".equals(i.get("code"))).findFirst().orElseThrow();
        assertEquals("fatal", missing.get("outcome"));
        assertNull(missing.get("line"), "a whole-file issue has no line");
        assertEquals("0", f.oneRoster("/orgs").header("X-Total-Count"));
    }

    @Test
    void bytesThatAreNotUtf8InAUtf8FileCostTheirRowWhichIsReportedWithLineColumnAndSourcedId(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Mixed encodings");
        f.deliver("manifest.csv", "propertyName,value\nfile.orgs,bulk\n");
        byte[] utf8 = (ORGS.replace("School One", "Escuela Uno Z\u00fcrich")).getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = "s3,,,Escuela Espa\u00f1a,school,,d1\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] orgs = java.util.Arrays.copyOf(utf8, utf8.length + latin1.length);
        System.arraycopy(latin1, 0, orgs, utf8.length, latin1.length);
        f.deliver("orgs.csv", orgs);
        Map<String, Object> run = f.run();
        assertEquals("succeeded_with_issues", run.get("status"), run.toString());
        Map<String, Object> issue = issues(app, run).stream().filter(i -> "csv.invalid_utf8".equals(i.get("code"))).findFirst().orElseThrow();
        assertEquals("orgs.csv", issue.get("file"));
        assertEquals("skipped", issue.get("outcome"));
        assertEquals("name", issue.get("column"));
        assertEquals("s3", issue.get("sourcedId"));
        assertTrue(((String) issue.get("message")).contains("name holds bytes that are not valid UTF-8"), issue.toString());
        assertEquals(4, ((Number) issue.get("line")).intValue(), issue.toString());
        assertEquals("2", f.oneRoster("/orgs").header("X-Total-Count"), "a new school whose name lost letters is not imported");
        assertEquals("Escuela Uno Z\u00fcrich", ((Map<?, ?>) f.oneRoster("/orgs/s1").map().get("org")).get("name"));
    }

    @Test
    void publicSampleWithSloppyValuesImportsWithWarningsInsteadOfFailing(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Moodle fixture");
        f.deliver(java.nio.file.Path.of("src/test/resources/public-samples/v1p1_Test_full_data_set"));
        Map<String, Object> run = f.run();
        assertEquals("succeeded_with_issues", run.get("status"), run.toString());
        List<Map<String, Object>> issues = issues(app, run);
        assertTrue(issues.stream().anyMatch(i -> "row.value_case".equals(i.get("code")) && "enabledUser".equals(i.get("column"))), issues.toString());
        Map<?, ?> user = (Map<?, ?>) f.oneRoster("/users/usr-222-123456").map().get("user");
        assertEquals("true", user.get("enabledUser"), "'TRUE' read as true, with a warning");
        // The sample's classes name a department as their school: skipped, and their enrollments with them, each saying why.
        assertIssue(issues, 2, "cls-222-123456", "schoolSourcedId", "reference.not_a_school", "skipped");
        assertIssue(issues, 2, "enr-t-222-12345-123456", "classSourcedId", "reference.skipped_target", "skipped");
        assertEquals(404, f.oneRoster("/classes/cls-222-123456").status());
    }

    @Test
    void zipDeliveryImportsLikeLooseFilesAndIsReadOnItsOwn(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Zip delivery");
        f.deliver("orgs.csv", ORGS);
        f.deliver("riverside.zip", Zips.zipFolder(Fixture.SAMPLE, ""));
        Map<String, Object> run = f.run();
        assertEquals("succeeded_with_issues", run.get("status"), run.toString());
        assertEquals(7, ((List<?>) run.get("files")).size());
        assertIssue(issues(app, run), null, null, null, "delivery.file_ignored", "warning");
        assertEquals("50", f.oneRoster("/users").header("X-Total-Count"));
        assertEquals("4", f.oneRoster("/orgs").header("X-Total-Count"), "the loose orgs.csv was not read");
    }

    @Test
    void zipOfTheFolderInsteadOfTheFilesFailsWithAnExplanation(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Zipped folder");
        f.deliver("riverside.zip", Zips.zipFolder(Fixture.SAMPLE, "minimal/"));
        Map<String, Object> run = f.run();
        assertEquals("failed", run.get("status"));
        List<Map<String, Object>> issues = issues(app, run);
        assertIssue(issues, null, null, null, "zip.nested_entry", "warning");
        assertTrue(issues.stream().anyMatch(i -> ((String) i.get("message")).contains("zip the files themselves")), issues.toString());
    }

    @Test
    void zipWithAnEntryClimbingOutOfTheFolderFailsTheRun(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Zip slip");
        f.deliver("evil.zip", Zips.zip(Map.of("manifest.csv", MANIFEST.getBytes(StandardCharsets.UTF_8),
                "../../../orgs.csv", ORGS.getBytes(StandardCharsets.UTF_8))));
        Map<String, Object> run = f.run();
        assertEquals("failed", run.get("status"));
        assertIssue(issues(app, run), null, null, null, "zip.unsafe_entry", "fatal");
        assertEquals("0", f.oneRoster("/orgs").header("X-Total-Count"));
    }

    @Test
    void aFileChangedOnDiskAfterItsUploadFailsTheRunWithItsOwnIssueAndNoStackTrace(RunningApp.App app) throws Exception {
        Fixture f = Fixture.create(app, "Changed on disk");
        f.deliver("manifest.csv", MANIFEST);
        f.deliver("orgs.csv", ORGS);
        f.deliver("users.csv", USERS_HEADER + "u1,,,true,s1,student,u1,,Ann,Lee,,,,,,,,\n");
        java.nio.file.Path users = app.context().getBean(org.rostersync.intake.inbox.Inbox.class).folder(f.sourceId())
                .resolve("users.csv");
        java.nio.file.Files.writeString(users, "u2,,,true,s1,student,u2,,Eve,Lee,,,,,,,,\n", java.nio.file.StandardOpenOption.APPEND);
        CapturedLog log = CapturedLog.of(Pipeline.class);
        Map<String, Object> run;
        try (log) {
            run = f.run();
        }

        assertEquals("failed", run.get("status"));
        assertEquals("users.csv changed on disk after its upload completed (its SHA-256 is no longer the one recorded at upload);"
                + " upload it again; nothing was applied", run.get("message"));
        Map<String, Object> issue = issues(app, run).stream().filter(i -> "fatal".equals(i.get("outcome"))).findFirst().orElseThrow();
        assertEquals("delivery.changed_after_upload", issue.get("code"));
        assertEquals("users.csv", issue.get("file"));
        assertTrue(log.events().stream().noneMatch(e -> e.getThrowableProxy() != null
                || e.getLevel() == ch.qos.logback.classic.Level.ERROR), log.events().toString());
        assertEquals("0", f.oneRoster("/orgs").header("X-Total-Count"));
    }

    static Map<String, Object> file(Map<String, Object> run, String name) {
        return ((List<?>) run.get("files")).stream().map(o -> cast(o)).filter(m -> name.equals(m.get("name"))).findFirst().orElseThrow();
    }

    static List<Map<String, Object>> issues(RunningApp.App app, Map<String, Object> run) {
        Map<String, Object> page = app.adminGet("/api/runs/" + run.get("id") + "/issues?limit=1000").map();
        return ((List<?>) page.get("issues")).stream().map(o -> cast(o)).toList();
    }

    private static void assertIssue(List<Map<String, Object>> issues, Integer line, String sourcedId, String column, String code, String outcome) {
        assertTrue(issues.stream().anyMatch(i -> (line == null || Integer.valueOf(line).equals(((Number) i.getOrDefault("line", -1)).intValue()))
                        && (sourcedId == null || sourcedId.equals(i.get("sourcedId")))
                        && (column == null || column.equals(i.get("column")))
                        && code.equals(i.get("code")) && outcome.equals(i.get("outcome"))),
                "expected " + code + "/" + outcome + " at line " + line + " in " + issues);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }
}
