package org.rostersync.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A row that cannot be read never withdraws or changes a record: delivered over the sample roster, each kind of
 * unreadable row leaves the record it names, its enrollments and its demographics exactly as they were, read through
 * the OneRoster API. A row that names no record holds the file's withdrawals for an operator.
 */
@ExtendWith(RunningApp.class)
class UnreadableRowsTest {

    /** stu-005, Amélie Lefèvre, on line 12 of the sample's users.csv. */
    private static final String AMELIE = "stu-005,,,true,org-sch-lincoln,student,s005,\"{LDAP:s005},{SIS:100005}\",Amélie,Lefèvre,,100005,"
            + "s005@students.riverside.example.org,,,,03,";

    @Test
    void eachKindOfUnreadableRowLeavesItsRecordEnrollmentsAndDemographicsAsTheyWere(RunningApp.App app) {
        Fixture f = sampleRoster(app, "Unreadable rows");
        Map<String, String> broken = Map.of(
                "csv.stray_quote", AMELIE.replace(",Amélie,", ",\"Amélie\" Jr,"),
                "row.control_character", AMELIE.replace("s005@", "s005\u0000@"),
                "row.wrong_field_count", AMELIE.replace(",Lefèvre,", ",Lefèvre, Jr,"),
                "csv.line_too_long", AMELIE.replace(",Amélie,", "," + "A".repeat(70_000) + ","));
        for (Map.Entry<String, String> kind : broken.entrySet()) {
            f.deliver("users.csv", sampleUsers().replace(AMELIE, kind.getValue()));
            Map<String, Object> run = f.run();
            assertEquals("succeeded_with_issues", run.get("status"), kind.getKey() + ": " + run);
            assertAmelieAsSheWas(f, kind.getKey());
            Map<String, Object> issue = issue(app, run, kind.getKey());
            assertEquals(12, ((Number) issue.get("line")).intValue(), issue.toString());
            assertEquals("stu-005", issue.get("sourcedId"), issue.toString());
            assertEquals("skipped", issue.get("outcome"), issue.toString());
            assertTrue(((String) issue.get("message")).startsWith("the row could not be read ("), issue.toString());
            assertTrue(((String) issue.get("message")).endsWith("; stu-005 was kept as it was, neither changed nor withdrawn"),
                    issue.toString());
        }
    }

    @Test
    void aControlCharacterIsReportedInItsColumn(RunningApp.App app) {
        Fixture f = sampleRoster(app, "Control character");
        f.deliver("users.csv", sampleUsers().replace(AMELIE, AMELIE.replace("s005@", "s005\u0000@")));
        Map<String, Object> issue = issue(app, f.run(), "row.control_character");
        assertEquals("email", issue.get("column"), issue.toString());
        assertTrue(((String) issue.get("message")).contains("(email holds the control character U+0000)"), issue.toString());
    }

    @Test
    void anUnclosedQuoteOnTheLastRowLeavesItsRecordAsItWas(RunningApp.App app) {
        Fixture f = sampleRoster(app, "Unclosed quote");
        String others = sampleUsers().replace(AMELIE + "\n", "");
        f.deliver("users.csv", others + AMELIE.replace(",Amélie,", ",\"Amélie,"));
        Map<String, Object> run = f.run();
        assertEquals("succeeded_with_issues", run.get("status"), run.toString());
        assertEquals("stu-005", issue(app, run, "csv.unclosed_quote").get("sourcedId"));
        assertAmelieAsSheWas(f, "unclosed quote");
    }

    @Test
    void bytesThatCannotBeDecodedInAUtf8FileLeaveTheRecordAsItWas(RunningApp.App app) {
        Fixture f = sampleRoster(app, "Mixed encodings");
        // the other rows' accents are UTF-8; this row's é is one Windows-1252 byte: the file is UTF-8 with a broken row
        byte[] users = sampleUsers().replace(AMELIE, AMELIE.replace("Amélie", "Am\u0001lie")).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < users.length; i++) {
            if (users[i] == 1) {
                users[i] = (byte) 0xE9;
            }
        }
        f.deliver("users.csv", users);
        Map<String, Object> run = f.run();
        assertEquals("succeeded_with_issues", run.get("status"), run.toString());
        Map<String, Object> issue = issue(app, run, "csv.invalid_utf8");
        assertEquals("stu-005", issue.get("sourcedId"), issue.toString());
        assertEquals("givenName", issue.get("column"), issue.toString());
        assertAmelieAsSheWas(f, "undecodable bytes");
        assertEquals("Łukasz", user(f, "tch-002").get("givenName"), "the UTF-8 rows are read as UTF-8");
    }

    @Test
    void aRowThatNamesNoRecordHoldsTheWithdrawalsOfItsBulkFile(RunningApp.App app) {
        Fixture f = sampleRoster(app, "No sourcedId");
        // the quote breaks the very first field: nothing of the row can be trusted, so any withdrawn user may be this one
        f.deliver("users.csv", sampleUsers().replace(AMELIE, AMELIE.replace("stu-005,", "\"stu-005\" x,")));
        Map<String, Object> run = f.run();
        assertEquals("held", run.get("status"), run.toString());
        assertTrue(((String) run.get("message")).contains("users.csv would withdraw 1 record it no longer lists, while line 12 could"
                + " not be read and names no record: a withdrawn record may be that row's"), run.toString());
        Map<String, Object> issue = issue(app, run, "csv.stray_quote");
        assertEquals(null, issue.get("sourcedId"));
        assertTrue(((String) issue.get("message")).contains("no sourcedId could be read from it"), issue.toString());
        issue(app, run, "safeguard.unreadable_rows");
        assertAmelieAsSheWas(f, "held");

        RunningApp.Response approved = app.adminPost("/api/runs/" + run.get("id") + "/approve", null);
        assertTrue(approved.status() < 300, approved.toString());
        assertEquals("succeeded_with_issues", f.awaitEnd((String) run.get("id")).get("status"));
        assertEquals("tobedeleted", user(f, "stu-005").get("status"), "approving applies the withdrawal the operator saw");
    }

    @Test
    void anUnreadableRowOfADeltaFileLeavesItsRecordAndTheOtherRowsApply(RunningApp.App app) {
        Fixture f = sampleRoster(app, "Delta");
        f.deliver("manifest.csv", sample("manifest.csv").replace("file.users,bulk", "file.users,delta")
                .replaceAll("file\\.(academicSessions|classes|courses|demographics|enrollments|orgs),bulk", "file.$1,absent"));
        String header = sampleUsers().substring(0, sampleUsers().indexOf('\n') + 1);
        f.deliver("users.csv", header
                + "stu-001,active,2026-12-01T00:00:00Z,true,org-sch-lincoln,student,s001,,Zoe,Muller,,100001,,,,,03,\n"
                + AMELIE.replace("stu-005,,,", "stu-005,tobedeleted,2026-12-01T00:00:00Z,").replace("s005@", "s005\u0007@") + "\n");
        Map<String, Object> run = f.run();
        assertEquals("succeeded_with_issues", run.get("status"), run.toString());
        assertEquals("stu-005", issue(app, run, "row.control_character").get("sourcedId"));
        assertEquals("Zoe", user(f, "stu-001").get("givenName"), "the readable row applies");
        assertAmelieAsSheWas(f, "delta");
    }

    @Test
    void anUnreadableSchoolRowKeepsTheSchoolAndTheClassesAndEnrollmentsInIt(RunningApp.App app) {
        Fixture f = sampleRoster(app, "Unreadable school");
        String orgs = sample("orgs.csv");
        String lincoln = orgs.lines().filter(l -> l.startsWith("org-sch-lincoln,")).findFirst().orElseThrow();
        f.deliver("orgs.csv", orgs.replace(lincoln, lincoln.replace("Lincoln Elementary", "Lincoln, Elementary")));
        Map<String, Object> run = f.run();
        assertEquals("succeeded_with_issues", run.get("status"), run.toString());
        Map<?, ?> school = (Map<?, ?>) f.oneRoster("/orgs/org-sch-lincoln").map().get("org");
        assertEquals("active", school.get("status"));
        assertEquals("Lincoln Elementary", school.get("name"));
        Map<?, ?> homeroom = (Map<?, ?>) f.oneRoster("/classes/cls-lin-g3-hr").map().get("class");
        assertEquals("active", homeroom.get("status"));
        assertEquals("org-sch-lincoln", ((Map<?, ?>) homeroom.get("school")).get("sourcedId"));
        assertAmelieAsSheWas(f, "unreadable school");
        assertEquals("org-sch-lincoln", issue(app, run, "row.wrong_field_count").get("sourcedId"));
        assertTrue(issues(app, run).stream().noneMatch(i -> String.valueOf(i.get("code")).startsWith("reference.")),
                "nothing names a record that was not read: " + issues(app, run));
    }

    @Test
    void anUnreadableRowOfANewRecordImportsNothingAndWhatNamesItIsSkipped(RunningApp.App app) {
        Fixture f = sampleRoster(app, "New record");
        f.deliver("users.csv", sampleUsers() + "stu-099,,,true,org-sch-lincoln,student,s099,,New\u0000,Kid,,100099,,,,,03,\n");
        f.deliver("enrollments.csv", sample("enrollments.csv")
                + "enr-lin-g3-hr-stu-099,,,cls-lin-g3-hr,org-sch-lincoln,stu-099,student,false,2026-08-17,\n");
        Map<String, Object> run = f.run();
        assertEquals("succeeded_with_issues", run.get("status"), run.toString());
        assertEquals(404, f.oneRoster("/users/stu-099").status());
        assertEquals(404, f.oneRoster("/enrollments/enr-lin-g3-hr-stu-099").status());
        Map<String, Object> skipped = issue(app, run, "reference.skipped_target");
        assertEquals("enrollments.csv", skipped.get("file"));
        assertEquals("enr-lin-g3-hr-stu-099", skipped.get("sourcedId"));
    }

    @Test
    void aFileThatIsNotUtf8ButWindows1252IsReadAsSuchWithOneWarning(RunningApp.App app) {
        Fixture f = sampleRoster(app, "Windows-1252");
        f.deliver("users.csv", sampleUsers().getBytes(Charset.forName("windows-1252"))); // Ł and ś become ?, the rest is kept
        Map<String, Object> run = f.run();
        assertEquals("succeeded_with_issues", run.get("status"), run.toString());
        List<Map<String, Object>> notes = issues(app, run).stream().filter(i -> "csv.windows_1252".equals(i.get("code"))).toList();
        assertEquals(1, notes.size(), notes.toString());
        assertEquals("warning", notes.get(0).get("outcome"));
        assertEquals("users.csv", notes.get(0).get("file"));
        assertTrue(issues(app, run).stream().noneMatch(i -> "csv.invalid_utf8".equals(i.get("code"))), issues(app, run).toString());
        assertAmelieAsSheWas(f, "Windows-1252");
        assertEquals("María José", user(f, "tch-001").get("givenName"));
    }

    @Test
    void aUtf16FileIsReadAsUtf16WithOneWarning(RunningApp.App app) {
        Fixture f = sampleRoster(app, "UTF-16");
        f.deliver("users.csv", withMark(new byte[]{(byte) 0xFF, (byte) 0xFE}, sampleUsers().getBytes(StandardCharsets.UTF_16LE)));
        Map<String, Object> run = f.run();
        assertEquals("succeeded_with_issues", run.get("status"), run.toString());
        Map<String, Object> note = issue(app, run, "csv.utf16");
        assertEquals("warning", note.get("outcome"));
        assertTrue(((String) note.get("message")).contains("UTF-16"), note.toString());
        assertEquals(1, issues(app, run).size(), "nothing else: " + issues(app, run));
        assertAmelieAsSheWas(f, "UTF-16");
        assertEquals("Łukasz", user(f, "tch-002").get("givenName"));
    }

    private static Fixture sampleRoster(RunningApp.App app, String name) {
        Fixture f = Fixture.create(app, name).withoutSafeguards();
        f.deliver(Fixture.SAMPLE);
        assertEquals("succeeded", f.run().get("status"));
        assertAmelieAsSheWas(f, "the sample");
        return f;
    }

    /** stu-005 as the sample delivered her, with her homeroom enrollment and her demographics. */
    private static void assertAmelieAsSheWas(Fixture f, String after) {
        Map<?, ?> user = user(f, "stu-005");
        assertEquals("active", user.get("status"), after);
        assertEquals("Amélie", user.get("givenName"), after);
        assertEquals("Lefèvre", user.get("familyName"), after);
        assertEquals("s005@students.riverside.example.org", user.get("email"), after);
        Map<?, ?> enrollment = (Map<?, ?>) f.oneRoster("/enrollments/enr-lin-g3-hr-stu-005").map().get("enrollment");
        assertNotNull(enrollment, after);
        assertEquals("active", enrollment.get("status"), after);
        Map<?, ?> demographics = (Map<?, ?>) f.oneRoster("/demographics/stu-005").map().get("demographics");
        assertNotNull(demographics, after);
        assertEquals("active", demographics.get("status"), after);
        assertEquals("2018-05-05", demographics.get("birthDate"), after);
    }

    private static Map<?, ?> user(Fixture f, String sourcedId) {
        RunningApp.Response r = f.oneRoster("/users/" + sourcedId);
        assertEquals(200, r.status(), r.toString());
        return (Map<?, ?>) r.map().get("user");
    }

    private static Map<String, Object> issue(RunningApp.App app, Map<String, Object> run, String code) {
        return issues(app, run).stream().filter(i -> code.equals(i.get("code"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + issues(app, run)));
    }

    private static List<Map<String, Object>> issues(RunningApp.App app, Map<String, Object> run) {
        return PipelineTest.issues(app, run);
    }

    private static String sampleUsers() {
        return sample("users.csv");
    }

    private static String sample(String name) {
        try {
            return Files.readString(Fixture.SAMPLE.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] withMark(byte[] mark, byte[] text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(mark);
        out.writeBytes(text);
        return out.toByteArray();
    }
}
