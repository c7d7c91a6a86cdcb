package org.rostersync.pipeline;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a run leaves for operators: counts, phases, the issues as CSV, and the delivery it read, until its archive goes. */
@ExtendWith(RunningApp.class)
class RunRecordTest {

    private static final String MANIFEST = "propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\nfile.orgs,bulk\nfile.users,bulk\n";
    private static final String ORGS = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\ns1,,,School One,school,,\n";
    private static final String USERS = "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,"
            + "familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n"
            + "u1,,,true,s1,student,u1,,Ann,Lee,,,,,,,,\n"
            + "u2,,,=HYPERLINK(\"x\"),s1,student,u2,,Bob,\"Ray, Jr\",,,,,,,,\n"; // a formula where a boolean belongs

    @Test
    void theIssuesDownloadAsSpreadsheetSafeCsv(RunningApp.App app) throws IOException {
        Fixture f = Fixture.create(app, "Issues CSV");
        f.deliver("manifest.csv", MANIFEST);
        f.deliver("orgs.csv", ORGS);
        f.deliver("users.csv", USERS);
        Map<String, Object> run = f.run();
        RunningApp.Response csv = app.adminGet("/api/runs/" + run.get("id") + "/issues.csv");
        assertEquals(200, csv.status(), csv.toString());
        assertTrue(csv.header("Content-Type").startsWith("text/csv"), csv.header("Content-Type"));
        assertTrue(csv.header("Content-Disposition").contains("attachment; filename=\"run-" + run.get("id") + "-issues.csv\""));
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.body())).getRecords();
        CSVRecord bad = rows.stream().filter(r -> r.get("code").equals("row.invalid_boolean")).findFirst().orElseThrow();
        assertEquals("users.csv", bad.get("file"));
        assertEquals("3", bad.get("line"));
        assertEquals("u2", bad.get("sourcedId"));
        assertEquals("'=HYPERLINK(\"x\")", bad.get("value"), "a formula is neutralised with an apostrophe");
        assertEquals(((Number) app.adminGet("/api/runs/" + run.get("id") + "/issues").map().get("total")).intValue(), rows.size());
        assertEquals(404, app.adminGet("/api/runs/00000000-0000-0000-0000-000000000000/issues.csv").status());
    }

    @Test
    void theRecordHoldsCountsAndPhasesAndTheFrozenDeliveryUntilItsKeepingTimeEnds(RunningApp.App app) throws Exception {
        Fixture f = Fixture.create(app, "Run record");
        f.deliver("manifest.csv", MANIFEST);
        f.deliver("orgs.csv", ORGS);
        f.deliver("users.csv", USERS);
        Map<String, Object> run = f.run();
        String id = (String) run.get("id");
        Map<String, Object> users = PipelineTest.file(run, "users.csv");
        assertEquals(2, ((Number) users.get("inserted")).intValue());
        assertTrue(users.containsKey("readMillis") && users.containsKey("mergeMillis") && users.containsKey("restored"), users.toString());
        List<?> phases = (List<?>) run.get("phases");
        assertEquals(List.of("freeze the delivery", "read, check and merge the files", "commit"),
                phases.stream().map(p -> ((Map<?, ?>) p).get("name")).toList());
        assertEquals(null, run.get("progressFile"), "progress is cleared when the run ends");

        List<Map<String, Object>> files = app.adminGet("/api/runs/" + id + "/files").list();
        assertEquals(List.of("manifest.csv", "orgs.csv", "users.csv"), files.stream().map(m -> m.get("name")).toList());
        RunningApp.Response download = app.adminGet("/api/runs/" + id + "/files/users.csv");
        assertEquals(200, download.status());
        assertEquals(USERS, download.body(), "byte for byte as delivered");
        f.deliver("users.csv", USERS.replace("Ann", "Anne"));
        assertEquals(USERS, app.adminGet("/api/runs/" + id + "/files/users.csv").body(), "later uploads do not change the archive");
        assertEquals(404, app.adminGet("/api/runs/" + id + "/files/..%2Fusers.csv").status());
        assertEquals(404, app.adminGet("/api/runs/" + id + "/files/passwd").status());

        int removed = app.context().getBean(ArchiveCleaner.class).removeFinishedBefore(Instant.now().plusSeconds(60));
        assertTrue(removed >= 1);
        RunningApp.Response gone = app.adminGet("/api/runs/" + id + "/files/users.csv");
        assertEquals(410, gone.status(), gone.toString());
        assertTrue(((String) gone.map().get("message")).contains("past its keeping time"), gone.toString());
        assertNotNull(app.adminGet("/api/runs/" + id).map().get("archiveRemovedAt"));
        assertTrue(Files.notExists(app.dataDir().resolve("runs").resolve(id)));
    }

    @Test
    void identicalFilesAreFrozenOnceFailedRunsLoseTheirArchiveSoonerAndNoRemovalTakesAFileAnotherRunHolds(RunningApp.App app)
            throws Exception {
        Fixture f = Fixture.create(app, "Frozen once");
        String orgs = ORGS.replace("School One", "Frozen Once School");
        String broken = "id,givenName\nu1,Frozen once\n"; // no sourcedId column: every run of it fails
        f.deliver("manifest.csv", MANIFEST);
        f.deliver("orgs.csv", orgs);
        f.deliver("users.csv", USERS);
        String kept = (String) f.run().get("id");
        f.deliver("users.csv", broken);
        Map<String, Object> failed1 = f.run();
        Map<String, Object> failed2 = f.run();
        assertEquals("failed", failed1.get("status"), failed1.toString());
        assertEquals("failed", failed2.get("status"), failed2.toString());

        java.nio.file.Path runs = app.dataDir().resolve("runs");
        java.nio.file.Path keptOrgs = runs.resolve(kept).resolve("delivered").resolve("orgs.csv");
        for (Map<String, Object> failed : List.of(failed1, failed2)) {
            java.nio.file.Path delivered = runs.resolve((String) failed.get("id")).resolve("delivered");
            assertTrue(Files.isSameFile(keptOrgs, delivered.resolve("orgs.csv")), "one copy of orgs.csv for the three runs");
            assertTrue(Files.isSameFile(runs.resolve(kept).resolve("delivered").resolve("manifest.csv"), delivered.resolve("manifest.csv")));
        }
        java.nio.file.Path failedUsers = runs.resolve((String) failed1.get("id")).resolve("delivered").resolve("users.csv");
        assertTrue(Files.isSameFile(failedUsers, runs.resolve((String) failed2.get("id")).resolve("delivered").resolve("users.csv")));
        assertEquals(4, links(keptOrgs), "the store's and the three runs'");
        java.nio.file.Path storedBroken = runs.resolve("files").resolve(sha256(broken));
        assertTrue(Files.isSameFile(failedUsers, storedBroken));

        // three days and a minute on: the failed runs' archives are past ROSTERSYNC_RUNS_KEEP_FAILED_DAYS, the other's is not
        ArchiveCleaner cleaner = app.context().getBean(ArchiveCleaner.class);
        assertTrue(cleaner.removeExpired(Instant.now().plus(java.time.Duration.ofDays(3)).plusSeconds(60)) >= 2);
        for (Map<String, Object> failed : List.of(failed1, failed2)) {
            assertTrue(Files.notExists(runs.resolve((String) failed.get("id"))));
            assertNotNull(app.adminGet("/api/runs/" + failed.get("id")).map().get("archiveRemovedAt"));
        }
        assertTrue(Files.notExists(storedBroken), "no run holds it any more");
        assertEquals(orgs, app.adminGet("/api/runs/" + kept + "/files/orgs.csv").body(), "the run still holding it keeps it");
        assertEquals(USERS, app.adminGet("/api/runs/" + kept + "/files/users.csv").body());
        assertEquals(2, links(keptOrgs));

        cleaner.removeFinishedBefore(Instant.now().plusSeconds(60));
        assertTrue(Files.notExists(runs.resolve(kept)));
        assertTrue(Files.notExists(runs.resolve("files").resolve(sha256(orgs))));
    }

    private static int links(java.nio.file.Path file) throws IOException {
        return ((Number) Files.getAttribute(file, "unix:nlink")).intValue();
    }

    private static String sha256(String content) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
