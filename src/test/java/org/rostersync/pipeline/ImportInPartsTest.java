package org.rostersync.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rostersync.oneroster.RosterFile;
import org.rostersync.report.FileCounts;
import org.rostersync.report.Issue;
import org.rostersync.roster.Checkpoint;
import org.rostersync.roster.RosterTransaction;
import org.rostersync.support.RunningApp;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A district imported with its files compared part by part (a few records a part, so that every file of more than a
 * handful is split, and its new and changed rows are read again from the CSV) ends up exactly as one compared in memory:
 * the same roster, counts and issues, night after night, whatever the files' BOM, line breaks, quoting and characters.
 */
@ExtendWith(RunningApp.class)
class ImportInPartsTest {

    private static final List<RosterFile> ORDER = List.of(RosterFile.ORGS, RosterFile.ACADEMIC_SESSIONS, RosterFile.COURSES,
            RosterFile.CLASSES, RosterFile.USERS, RosterFile.DEMOGRAPHICS, RosterFile.ENROLLMENTS);
    private static final List<String> TABLES = List.of("roster_org", "roster_academic_session", "roster_course", "roster_class",
            "roster_user", "roster_demographics", "roster_enrollment");
    private static final String[] GIVEN = {"Ann", "Zoë", "字", "Jo \"JJ\" Smith", "Ana, María", "Émile\r\nSecond line", "😀"};

    /** One night's district: which students exist, whose family name changed, and the rows that go wrong. */
    private record Night(IntPredicate enrolled, IntPredicate renamed, boolean withBadRows) {
    }

    @Test
    void aDistrictImportedInSmallPartsEndsExactlyAsOneComparedInMemory(RunningApp.App app, @TempDir Path dir) throws Exception {
        DataSource db = app.context().getBean(DataSource.class);
        UUID tenant = UUID.randomUUID();
        UUID inMemory = UUID.randomUUID();
        UUID inParts = UUID.randomUUID();
        Night first = new Night(s -> s < 200, s -> false, false);
        Night next = new Night(s -> s >= 5 && s < 205, s -> s % 10 == 3, true); // 5 gone, 5 new, 10% renamed, bad rows
        List<Night> nights = List.of(first, next, next, first);
        for (int n = 0; n < nights.size(); n++) {
            Path delivery = Files.createDirectories(dir.resolve("night" + n));
            write(delivery, nights.get(n));
            Path scratch = Files.createDirectories(dir.resolve("scratch"));
            Result whole = importAll(db, tenant, inMemory, delivery, Long.MAX_VALUE, scratch);
            Result parts = importAll(db, tenant, inParts, delivery, 7, scratch);
            try (var left = Files.list(scratch)) {
                assertEquals(List.of(), left.toList(), "no working file is left behind");
            }
            assertEquals(whole.counts(), parts.counts(), "night " + (n + 1) + ": the same counts");
            assertEquals(whole.issues(), parts.issues(), "night " + (n + 1) + ": the same issues");
            for (String table : TABLES) {
                assertEquals(roster(db, table, inMemory), roster(db, table, inParts), "night " + (n + 1) + ": the same " + table);
            }
            if (n >= 1 && n <= 2) {
                List<String> users = roster(db, "roster_user", inParts);
                for (String unreadable : List.of("st10", "st11")) {
                    assertTrue(users.stream().anyMatch(r -> r.contains("\"sourced_id\": \"" + unreadable + "\"") && r.contains("\"status\": \"active\"")
                            && r.contains("\"family_name\": \"Lee\"")), unreadable + " is left as it was on night " + (n + 1));
                }
            }
            if (n == 2) {
                assertTrue(parts.counts().stream().allMatch(c -> c.inserted() + c.updated() + c.deleted() == 0),
                        "the same delivery again changes nothing: " + parts.counts());
            }
        }
        assertEquals(200, roster(db, "roster_user", inParts).stream().filter(r -> r.contains("\"role\": \"student\"")
                && r.contains("\"status\": \"active\"")).count(), "night 4 restored the students of night 1");
    }

    private record Result(List<FileCounts> counts, List<Issue> issues) {
    }

    private static Result importAll(DataSource db, UUID tenant, UUID source, Path delivery, long partRecords, Path scratch)
            throws Exception {
        List<PlannedFile> plan = ORDER.stream().map(f -> new PlannedFile(f, true, delivery.resolve(f.fileName()))).toList();
        RunIssues issues = new RunIssues(RunIssues.DEFAULT_CAP);
        SchoolScope scope = new SchoolScope(RunSettings.DEFAULTS.schoolMapping());
        FileImporter importer = new FileImporter(issues, References.of(plan, issues, scope, scratch), RunSettings.DEFAULTS, scope);
        List<FileCounts> counts = new ArrayList<>();
        try (RosterTransaction tx = RosterTransaction.begin(db, tenant, source, UUID.randomUUID(), Checkpoint.NONE, scratch)) {
            for (PlannedFile planned : plan) {
                FileCounts c = importer.load((file, bulk, expected) -> tx.load(file, bulk, true, scope.outOfScope(), expected, partRecords),
                        planned);
                counts.add(new FileCounts(c.name(), c.mode(), c.rows(), c.inserted(), c.updated(), c.unchanged(), c.deleted(), c.restored(),
                        c.skipped(), c.errors(), c.warnings(), c.activeBefore(), 0, 0));
            }
            tx.commit();
        }
        return new Result(counts, issues.toReport());
    }

    /** Every column of the source's records but the source and the dates, in sourcedId order. */
    private static List<String> roster(DataSource db, String table, UUID source) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT (to_jsonb(t) - 'source_id' - 'date_last_modified' - 'inserted_by')::text FROM " + table
                     + " t WHERE source_id = ? ORDER BY sourced_id")) {
            ps.setObject(1, source);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static void write(Path dir, Night night) throws Exception {
        // schools before the district they name: references forward within orgs.csv
        file(dir, RosterFile.ORGS, false, "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId",
                "s1,,,North,school,1,d1", "s2,,,Süd,school,2,d1", "s3,,,\"East, Upper\",school,3,d1", "d1,,,District,district,,");
        file(dir, RosterFile.ACADEMIC_SESSIONS, false, "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear",
                "y1,,,2026-2027,schoolYear,2026-08-15,2027-06-15,,2027", "t1,,,Fall,term,2026-08-15,2027-01-15,y1,2027");
        List<String> courses = new ArrayList<>();
        for (int c = 1; c <= 12; c++) {
            courses.add("c" + c + ",,,y1,Course " + c + ",C" + c + ",0" + (c % 9 + 1) + ",s" + (c % 3 + 1) + ",,");
        }
        file(dir, RosterFile.COURSES, false, "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes",
                courses.toArray(String[]::new));
        List<String> classes = new ArrayList<>();
        for (int k = 1; k <= 30; k++) {
            classes.add("k" + k + ",,,Class " + k + ",," + "c" + (k % 12 + 1) + ",K" + k + ",scheduled,,s" + ((k % 12 + 1) % 3 + 1) + ",t1,,,");
        }
        file(dir, RosterFile.CLASSES, false, "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,"
                + "schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods", classes.toArray(String[]::new));
        List<String> users = new ArrayList<>();
        List<String> demographics = new ArrayList<>();
        List<String> enrollments = new ArrayList<>();
        for (int t = 1; t <= 10; t++) {
            users.add("t" + t + ",,,true,s" + (t % 3 + 1) + ",teacher,teach" + t + ",,Tea,Cher,,,t" + t + "@x.org,,,,,");
            enrollments.add("e-t" + t + ",,,k" + t + ",s" + ((t % 12 + 1) % 3 + 1) + ",t" + t + ",teacher,true,,");
        }
        for (int s = 0; s < 210; s++) {
            if (!night.enrolled().test(s)) {
                continue;
            }
            String given = GIVEN[s % GIVEN.length];
            String family = night.renamed().test(s) ? "Changed" : "Lee";
            if (night.withBadRows() && s == 10) {
                given = "\"Broken\" quote"; // unreadable: st10 is left as it was, not withdrawn
            }
            if (night.withBadRows() && s == 11) {
                family = "Ctrl\u0000"; // unreadable too
            }
            users.add("st" + s + ",,,true,s" + (s % 3 + 1) + ",student,st" + s + ",{SIS:" + s + "}," + (s == 10 ? given : quote(given)) + "," + family
                    + ",,," + ",,,g" + s + ",0" + (s % 9 + 1) + ",");
            users.add("g" + s + ",,,true,s" + (s % 3 + 1) + ",guardian,,," + "Pat,Lee,,,,,,st" + s + ",,");
            if (s % 2 == 0) {
                demographics.add("st" + s + ",,,2015-0" + (s % 9 + 1) + "-1" + (s % 9) + "," + (s % 3 == 0 ? "female" : "male")
                        + ",,,,,,,,,,,");
            }
            for (int j = 0; j < 3; j++) {
                int k = (s + j * 7) % 30 + 1;
                enrollments.add("e-" + s + "-" + k + ",,,k" + k + ",s" + ((k % 12 + 1) % 3 + 1) + ",st" + s + ",student,false,,");
            }
        }
        if (night.withBadRows()) {
            users.add("st7,,,true,s2,student,again,,Dup,Licate,,,,,,,,");               // a repeated sourcedId: skipped
            users.add("st900,,,maybe,s1,student,st900,,Bad,Flag,,,,,,,,");             // invalid enabledUser: an error, kept
            users.add("st901,,,true,s9,student,st901,,No,School,,,,,,,,");             // an org that is not there: skipped
            enrollments.add("e-gone,,,k1,s2,st0,student,false,,");                    // st0 is gone this night: skipped
            enrollments.add("e-901,,,k1,s2,st901,student,false,,");                   // a skipped user: skipped too
        }
        file(dir, RosterFile.USERS, true, "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
                + "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password", users.toArray(String[]::new));
        file(dir, RosterFile.DEMOGRAPHICS, false, "sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,"
                + "blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,"
                + "hispanicOrLatinoEthnicity,countryOfBirthCode,stateOfBirthAbbreviation,cityOfBirth,publicSchoolResidenceStatus",
                demographics.toArray(String[]::new));
        file(dir, RosterFile.ENROLLMENTS, false, "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,"
                + "primary,beginDate,endDate", enrollments.toArray(String[]::new));
    }

    private static String quote(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    /** users.csv comes with a BOM and CRLF line breaks, the others with LF. */
    private static void file(Path dir, RosterFile file, boolean bomAndCrlf, String header, String... rows) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String end = bomAndCrlf ? "\r\n" : "\n";
        if (bomAndCrlf) {
            out.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        out.write((header + end).getBytes(StandardCharsets.UTF_8));
        for (String row : rows) {
            out.write((row + end).getBytes(StandardCharsets.UTF_8));
        }
        Files.write(dir.resolve(file.fileName()), out.toByteArray());
    }
}
