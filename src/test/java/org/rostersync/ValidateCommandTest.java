package org.rostersync;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rostersync.support.Fixture;
import org.rostersync.support.Zips;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rostersync validate}: the run's checks, offline, with an exit status a vendor's script can use. */
class ValidateCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void helpPrintsUsageAndExitsZero() {
        for (String help : List.of("--help", "-h")) {
            out.reset();
            assertEquals(0, validate(help), stderr());
            assertTrue(stdout().startsWith("usage: java -jar rostersync.jar validate PATH"), stdout());
        }
    }

    @Test
    void cleanSampleExitsZeroWithASummaryPerFile() {
        assertEquals(0, validate(Fixture.SAMPLE.toString()), stderr());
        String text = stdout();
        assertTrue(text.contains("users.csv"), text);
        assertTrue(text.matches("(?s).*users\\.csv\\s+bulk\\s+50\\s+50\\s+0\\s+0\\s+0.*"), text);
        assertTrue(text.contains("0 fatal, 0 errors, 0 skipped, 0 warnings"), text);
    }

    @Test
    void zipOfTheSampleValidatesLikeTheFolder() throws IOException {
        Path zip = Files.write(dir.resolve("riverside.zip"), Zips.zipFolder(Fixture.SAMPLE, ""));
        assertEquals(0, validate(zip.toString()), stdout() + stderr());
        assertTrue(stdout().contains("enrollments.csv"));
    }

    @Test
    void brokenRowsExitOneAndAreListedWithFileLineAndColumn() throws IOException {
        Path delivery = copySample();
        Files.writeString(delivery.resolve("users.csv"), Files.readString(delivery.resolve("users.csv"))
                + "stu-999,,,maybe,org-sch-lincoln,student,s999,,Ann,Lee,,,,,,,,\r\n");
        assertEquals(1, validate(delivery.toString()));
        assertTrue(stdout().contains("users.csv:52 column enabledUser sourcedId stu-999: error row.invalid_boolean"), stdout());
    }

    @Test
    void jsonOutputCarriesFilesAndIssues() throws IOException {
        Path delivery = copySample();
        Files.writeString(delivery.resolve("orgs.csv"), Files.readString(delivery.resolve("orgs.csv")) + "x1,,,X,campus,,\r\n");
        assertEquals(1, validate(delivery.toString(), "--format", "json"));
        Map<String, Object> json = JsonMapper.createDefault().readValue(out.toByteArray(), Argument.mapOf(String.class, Object.class));
        assertEquals(7, ((List<?>) json.get("files")).size());
        Map<?, ?> issue = (Map<?, ?>) ((List<?>) json.get("issues")).get(0);
        assertEquals("row.invalid_enum", issue.get("code"));
        assertEquals(6, ((Number) issue.get("line")).intValue());
        assertEquals("type", issue.get("column"));
        assertEquals("campus", issue.get("value"));
    }

    @Test
    void csvOutputNeutralisesCellsASpreadsheetWouldRunAsFormulas() throws IOException {
        Path delivery = copySample();
        Files.writeString(delivery.resolve("orgs.csv"), Files.readString(delivery.resolve("orgs.csv"))
                + "=HYPERLINK(\"http://x\"),,,X,campus,,\r\n");
        assertEquals(1, validate(delivery.toString(), "--format=csv"));
        String csv = stdout();
        assertTrue(csv.startsWith("file,line,sourcedId,column,code,outcome,message,value"), csv);
        assertTrue(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), csv);
    }

    @Test
    void unreadableDeliveriesAndBadArgumentsExitTwo() throws IOException {
        assertEquals(2, validate(dir.resolve("nothing-here").toString()));
        assertTrue(stderr().contains("does not exist"), stderr());
        assertEquals(2, validate(Files.writeString(dir.resolve("users.csv"), "x").toString()));
        assertEquals(2, validate(Files.write(dir.resolve("broken.zip"), new byte[]{1, 2, 3}).toString()));
        assertEquals(2, validate(Files.createDirectories(dir.resolve("empty")).toString()));
        assertEquals(2, validate());
        assertEquals(2, validate(Fixture.SAMPLE.toString(), "--format", "xml"));
    }

    @Test
    void publicSamplesAreJudgedByTheirQuirks() {
        assertEquals(1, validate("src/test/resources/public-samples/v1p1_Test_minimal_data_set"), stdout());
        assertTrue(stdout().contains("classes.csv:2 column schoolSourcedId sourcedId cls-222-123456: skipped reference.not_a_school"),
                "a department used as a school: " + stdout());

        out.reset();
        assertEquals(0, validate("src/test/resources/public-samples/lepo-en"), "every field quoted, even empty ones: " + stdout());

        out.reset();
        assertEquals(1, validate("src/test/resources/public-samples/v1p1_Test_full_data_set"), stdout());
        assertTrue(stdout().contains("orgs.csv:2 column parentSourcedId sourcedId org-sch-222-456: error reference.missing_target:"
                        + " parentSourcedId 'org-sch-222-3456' names no record of orgs.csv"),
                "an org parent that does not exist, named although the check waited for the end of the file: " + stdout());
        assertTrue(stdout().contains("warning row.legacy_status: status 'inactive'"), stdout());
        assertTrue(stdout().contains("enabledUser 'TRUE' should be spelled 'true'"), stdout());

        out.reset();
        // every issue listed: this sample's header has more unknown columns than the five listed by default
        assertEquals(1, validate("src/test/resources/public-samples/OneRosterv1p1BaseCSV", "--max", "100"), stdout());
        String base = stdout();
        assertTrue(base.contains("demographics.csv:1 column userSourcedId: warning schema.legacy_header"), "1.0 names: " + base);
        assertTrue(base.contains("users.csv:1 column agents: warning schema.legacy_header"), base);
        assertTrue(base.contains("academicSessions.csv:1: warning schema.header_only"), "header-only files: " + base);
        assertTrue(base.contains("classes.csv:2 column courseSourcedId sourcedId class1: skipped row.missing_required_value"), base);
        assertTrue(base.contains("classes.csv:2 column termSourcedIds sourcedId class1: skipped reference.missing_target"), base);
        assertTrue(base.contains("orgs.csv:2 column status: warning row.bulk_status_filled"), "mixed status in bulk: " + base);
        assertTrue(base.contains("column 'ext_tao_userMotherName' is not part of OneRoster 1.1"), "ext_* columns: " + base);
    }

    @Test
    void fieldRulesTolerateWhatRealFilesDoWithWarningsAndRefuseTheRest() throws IOException {
        Path d = Files.createDirectories(dir.resolve("delta"));
        Files.writeString(d.resolve("manifest.csv"), "propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\n"
                + "file.orgs,delta\nfile.classes,absent\nfile.users,bulk\n");
        Files.writeString(d.resolve("orgs.csv"), "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n"
                + "o1,active,2026-11-20T10:00:00Z,One,school,,\n"          // line 2: clean
                + "o2,active,2026-11-20 10:00:00,Two,ext:campus,,\n"        // line 3: lenient datetime, ext: type
                + "o3,active,,Three,school,,\n"                             // line 4: delta without dateLastModified
                + "o4,,2026-11-20T10:00:00Z,Four,school,,\n"               // line 5: delta without status
                + "o5,active,yesterday,Five,school,,\n");                   // line 6: unreadable datetime
        Files.writeString(d.resolve("users.csv"), "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userId,"
                + "givenName,familyName,grade\n"
                + "u1,,,True,o1,student,u1,S-1,Ann,Lee,K\n");               // line 2: 1.0 names, True, grade K
        assertEquals(1, validate(d.toString(), "--format", "json"));
        Map<String, Object> json = JsonMapper.createDefault().readValue(out.toByteArray(), Argument.mapOf(String.class, Object.class));
        List<String> found = ((List<?>) json.get("issues")).stream().map(o -> {
            Map<?, ?> i = (Map<?, ?>) o;
            return i.get("file") + ":" + i.get("line") + " " + i.get("column") + " " + i.get("code") + " " + i.get("outcome");
        }).toList();
        for (String expected : List.of(
                "orgs.csv:3 dateLastModified row.lenient_datetime warning",
                "orgs.csv:4 dateLastModified row.missing_required_value error",
                "orgs.csv:5 status row.missing_required_value error",
                "orgs.csv:6 dateLastModified row.invalid_datetime error",
                "users.csv:1 userId schema.legacy_header warning",
                "users.csv:1 grade schema.legacy_header warning",
                "users.csv:2 enabledUser row.value_case warning",
                "users.csv:2 grades row.unknown_grade warning")) {
            assertTrue(found.contains(expected), expected + " in " + found);
        }
        assertTrue(found.stream().noneMatch(f -> f.startsWith("orgs.csv:3 type")), "ext: values are allowed: " + found);
    }

    @Test
    void oneRoster12DeliveriesAreRefusedClearly() throws IOException {
        Path d = Files.createDirectories(dir.resolve("v12"));
        Files.writeString(d.resolve("manifest.csv"), "propertyName,value\nmanifest.version,1.0\noneroster.version,1.2\nfile.users,bulk\n");
        Files.writeString(d.resolve("users.csv"), "sourcedId,status,dateLastModified,enabledUser,username,givenName,familyName,primaryOrgSourcedId\n");
        assertEquals(1, validate(d.toString()));
        assertTrue(stdout().contains("fatal manifest.unsupported_version"), stdout());
        Files.writeString(d.resolve("manifest.csv"), "propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\nfile.users,bulk\n");
        out.reset();
        assertEquals(1, validate(d.toString()));
        assertTrue(stdout().contains("fatal schema.oneroster_1_2_layout"), stdout());
    }

    @Test
    void referencesAreCheckedAgainstBulkFilesIncludingForwardReferencesWithinAFile() throws IOException {
        Path d = copySample();
        String users = Files.readString(d.resolve("users.csv"));
        Files.writeString(d.resolve("users.csv"), users.replace("stu-001,,,true,org-sch-lincoln", "stu-001,,,true,org-sch-nowhere"));
        Files.writeString(d.resolve("enrollments.csv"), Files.readString(d.resolve("enrollments.csv"))
                + "enr-x,,,cls-lin-g3-hr,org-district,stu-002,student,false,,\r\n");
        assertEquals(1, validate(d.toString()));
        String text = stdout();
        assertTrue(text.contains("users.csv:8 column orgSourcedIds sourcedId stu-001: skipped reference.missing_target: orgSourcedIds"
                + " 'org-sch-nowhere' names no record of orgs.csv"), "a user needs an org: " + text);
        assertTrue(text.contains("enrollments.csv:76 column schoolSourcedId sourcedId enr-x: skipped reference.not_a_school"), text);
        assertTrue(text.contains("column userSourcedId sourcedId enr-lin-g3-hr-stu-001: skipped reference.skipped_target:"
                + " userSourcedId 'stu-001' names a record of users.csv that was skipped (see its issue)"), "the cascade: " + text);
        assertTrue(!text.contains("agentSourcedIds 'par-001'"), "stu-001's agent par-001 comes later in users.csv and is found: " + text);
        assertTrue(text.contains("users.csv:48 column agentSourcedIds sourcedId par-001: error reference.skipped_target: agentSourcedIds"
                + " 'stu-001' names a record of users.csv that was skipped (see its issue)"), "par-001 is kept, its agent reported: " + text);
    }

    @Test
    void helpNamesTheRulesAndTheListingLimit() {
        assertEquals(0, validate("--help"));
        assertTrue(stdout().contains("--rules FILE") && stdout().contains("--max N") && stdout().contains("default 5"), stdout());
    }

    @Test
    void aFileDelimitedBySemicolonsTabsOrBarsIsOneFatalIssueNamingTheDelimiterNotAHundredFollowOns() throws IOException {
        for (Map.Entry<String, String> delimiter : Map.of(";", "semicolons (;)", "\t", "tabs", "|", "vertical bars (|)").entrySet()) {
            Path d = copySample();
            Files.writeString(d.resolve("users.csv"), Files.readString(d.resolve("users.csv")).replace(",", delimiter.getKey()));
            out.reset();
            assertEquals(1, validate(d.toString(), "--format", "json"));
            Map<String, Object> json = JsonMapper.createDefault().readValue(out.toByteArray(), Argument.mapOf(String.class, Object.class));
            List<?> issues = (List<?>) json.get("issues");
            assertEquals(1, issues.size(), "one issue, not one for every enrollment of a user: " + issues);
            Map<?, ?> issue = (Map<?, ?>) issues.get(0);
            assertEquals("csv.wrong_delimiter", issue.get("code"));
            assertEquals("fatal", issue.get("outcome"));
            assertEquals("users.csv", issue.get("file"));
            assertTrue(((String) issue.get("message")).startsWith("users.csv is delimited by " + delimiter.getValue() + ", not commas"),
                    issue.toString());
            deleteDelivery(d);
        }
    }

    @Test
    void aManifestDelimitedBySemicolonsIsOneFatalIssue() throws IOException {
        Path d = copySample();
        Files.writeString(d.resolve("manifest.csv"), Files.readString(d.resolve("manifest.csv")).replace(",", ";"));
        assertEquals(1, validate(d.toString()));
        assertTrue(stdout().contains("manifest.csv:1: fatal csv.wrong_delimiter: manifest.csv is delimited by semicolons (;)"), stdout());
        assertTrue(stdout().contains("1 fatal, 0 errors, 0 skipped, 0 warnings"), "nothing else: " + stdout());
    }

    @Test
    void repeatsOfOneCauseAreRolledUpAfterAFewExamplesAndMaxSetsHowMany() throws IOException {
        Path d = copySample();
        // every user's enabledUser unreadable: one cause, 50 rows
        String users = Files.readString(d.resolve("users.csv"));
        Files.writeString(d.resolve("users.csv"), users.replace(",true,", ",maybe,").replace(",false,", ",maybe,"));
        assertEquals(1, validate(d.toString()));
        String text = stdout();
        assertEquals(5, text.lines().filter(l -> l.contains("error row.invalid_boolean")).count(), text);
        assertTrue(text.contains("users.csv: ... and 45 more rows like this (row.invalid_boolean)"), text);
        assertTrue(text.contains("0 fatal, 50 errors"), "the counts are every issue's: " + text);

        out.reset();
        assertEquals(1, validate(d.toString(), "--max", "2"));
        assertEquals(2, stdout().lines().filter(l -> l.contains("error row.invalid_boolean")).count(), stdout());
        assertTrue(stdout().contains("users.csv: ... and 48 more rows like this (row.invalid_boolean)"), stdout());

        out.reset();
        assertEquals(1, validate(d.toString(), "--max=0"));
        assertTrue(stdout().contains("users.csv: 50 issues row.invalid_boolean"), stdout());
        assertTrue(stdout().lines().noneMatch(l -> l.contains("error row.invalid_boolean")), stdout());

        out.reset();
        assertEquals(1, validate(d.toString(), "--max", "2", "--format", "csv"));
        assertEquals(51, stdout().lines().count(), "csv lists every issue: " + stdout());

        assertEquals(2, validate(d.toString(), "--max", "-1"));
        assertTrue(stderr().contains("--max must be a whole number, 0 or more, not '-1'"), stderr());
    }

    @Test
    void rulesFromAnotherSourceChangeWhatIsReported() throws IOException {
        Path d = copySample();
        Path rules = Files.writeString(dir.resolve("rules.json"), """
                {"version": 1, "source": {"id": "6a0e3f3e-8f0c-4d7e-9a55-3f1f3c0b7f10", "name": "Riverside SIS"},
                 "exportedAt": "2026-09-01T06:00:00Z",
                 "dataRequirements": {"users": {"sms": "report"}},
                 "attributeMapping": {},
                 "schoolMapping": {"mode": "explicit", "lastListedAt": null, "schools": [
                   {"sourcedId": "org-sch-lincoln", "name": "Lincoln Elementary", "included": true},
                   {"sourcedId": "org-sch-muir", "name": null, "included": true},
                   {"sourcedId": "org-sch-poly", "name": null, "included": false}]},
                 "safeguards": {"maxDeletedPercent": 10, "maxChangedPercent": 75, "neverDelete": false}}
                """);
        assertEquals(1, validate(d.toString(), "--rules", rules.toString()));
        String text = stdout();
        assertTrue(text.startsWith("rostersync validate " + d + " under the rules of source 'Riverside SIS', exported 2026-09-01T06:00:00Z"), text);
        assertTrue(text.contains("orgs.csv:5 column sourcedId sourcedId org-sch-poly: skipped row.school_excluded"), text);
        assertTrue(text.contains("error row.missing_required_value: "), "users.sms Report if Missing: " + text);
    }

    @Test
    void aRulesFileThatCannotBeUsedIsRefusedNamingTheField() throws IOException {
        String good = """
                {"version": 1, "dataRequirements": {}, "attributeMapping": {},
                 "schoolMapping": {"mode": "auto", "schools": []},
                 "safeguards": {"maxDeletedPercent": 10, "maxChangedPercent": 75, "neverDelete": false}}""";
        assertEquals(0, validate(Fixture.SAMPLE.toString(), "--rules", Files.writeString(dir.resolve("good.json"), good).toString()),
                stderr());
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put(good.replace("\"version\": 1", "\"version\": 2"), "(field version)");
        refused.put(good.replace("\"dataRequirements\": {}", "\"dataRequirements\": {\"users\": {\"email\": \"always\"}}"),
                "dataRequirements.users.email: 'always' is not none, report or skip (field dataRequirements.users.email)");
        refused.put(good.replace("\"attributeMapping\": {}", "\"attributeMapping\": {\"users\": {\"shoeSize\": \"x\"}}"),
                "(field attributeMapping.users.shoeSize)");
        refused.put(good.replace("\"mode\": \"auto\"", "\"mode\": \"sometimes\""), "(field schoolMapping.mode)");
        refused.put(good.replace("\"schools\": []", "\"schools\": [{\"sourcedId\": \"a\"}]"),
                "schoolMapping.schools[0].included is missing (field schoolMapping.schools[0].included)");
        refused.put(good.replace("\"maxDeletedPercent\": 10", "\"maxDeletedPercent\": 101"),
                "safeguards.maxDeletedPercent must be a whole number from 0 to 100, not 101");
        refused.put(good.replace(", \"attributeMapping\": {}", ""), "attributeMapping is missing (field attributeMapping)");
        refused.put(good.replace("{\"version\"", "{\"verison\": 1, \"version\""), "verison is not a field of the rules file");
        refused.put(good.substring(0, 40), "the rules file is not valid JSON");
        refused.put(good.replace("\"version\": 1,", "\"version\": 1, \"version\": 1,"), "Duplicate field 'version'");
        int n = 0;
        for (Map.Entry<String, String> rules : refused.entrySet()) {
            err.reset();
            Path file = Files.writeString(dir.resolve("bad-" + n++ + ".json"), rules.getKey());
            assertEquals(2, validate(Fixture.SAMPLE.toString(), "--rules", file.toString()), rules.getKey());
            assertTrue(stderr().startsWith("rostersync validate: the rules file " + file + " cannot be used: "), stderr());
            assertTrue(stderr().contains(rules.getValue()), rules.getValue() + " in " + stderr());
        }
        err.reset();
        assertEquals(2, validate(Fixture.SAMPLE.toString(), "--rules", dir.resolve("nowhere.json").toString()));
        assertTrue(stderr().contains("the rules file " + dir.resolve("nowhere.json") + " does not exist"), stderr());
        assertEquals(2, validate(Fixture.SAMPLE.toString(), "--rules"));
    }

    private void deleteDelivery(Path d) throws IOException {
        try (var files = Files.list(d)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(d);
    }

    private int validate(String... args) {
        return new ValidateCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(List.of(args));
    }

    private Path copySample() throws IOException {
        Path copy = Files.createDirectories(dir.resolve("delivery"));
        try (var files = Files.list(Fixture.SAMPLE)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
