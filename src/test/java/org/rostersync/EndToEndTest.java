package org.rostersync;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.SFTPClient;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;
import org.rostersync.support.SampleUsers;
import org.rostersync.support.Sftp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A delivery travels from an ordinary SFTP client through a run to the OneRoster API. */
@ExtendWith(RunningApp.class)
class EndToEndTest {

    @Test
    void sampleUploadedWithOpenSshIsServedExactlyByTheOneRosterApi(RunningApp.App app, @TempDir Path work) throws Exception {
        Fixture f = Fixture.create(app, "Riverside USD");
        Path sample = Fixture.SAMPLE.toAbsolutePath();
        Sftp.Result upload = Sftp.openssh(app.sftpPort(), f.sftpUser(), f.sftpPassword(), work, "put " + sample + "/*.csv", "ls -l");
        assertEquals(0, upload.exitCode(), upload.output());

        Map<String, Object> run = f.run();
        assertEquals("succeeded", run.get("status"), run.toString());
        assertEveryFileImported(run);

        List<Map<String, Object>> users = allUsers(f);
        List<CSVRecord> expected = SampleUsers.read();
        assertEquals(expected.size(), users.size());
        assertEquals(expected.stream().map(r -> r.get("sourcedId")).collect(Collectors.toSet()),
                users.stream().map(u -> u.get("sourcedId")).collect(Collectors.toSet()));
        for (CSVRecord row : expected) {
            Map<String, Object> user = users.stream().filter(u -> u.get("sourcedId").equals(row.get("sourcedId"))).findFirst().orElseThrow();
            assertEquals(row.get("givenName"), user.get("givenName"), row.get("sourcedId"));
            assertEquals(row.get("familyName"), user.get("familyName"), row.get("sourcedId"));
            assertEquals(row.get("role"), user.get("role"), row.get("sourcedId"));
            assertEquals(row.get("username"), user.get("username"), row.get("sourcedId"));
        }
        Map<String, Object> zoe = f.oneRoster("/users/stu-001").map();
        Map<String, Object> user = cast(zoe.get("user"));
        assertEquals("Zoë", user.get("givenName"));
        assertEquals("Müller", user.get("familyName"));
        assertEquals("true", user.get("enabledUser"));
        assertEquals(List.of(Map.of("type", "LDAP", "identifier", "s001"), Map.of("type", "SIS", "identifier", "100001")), user.get("userIds"));
        assertEquals(List.of("03"), user.get("grades"));
        Map<String, Object> org = cast(((List<?>) user.get("orgs")).get(0));
        assertEquals("org-sch-lincoln", org.get("sourcedId"));
        assertEquals("org", org.get("type"));
        assertEquals(app.baseUrl() + "/ims/oneroster/v1p1/orgs/org-sch-lincoln", org.get("href"));
        Map<String, Object> smith = cast(f.oneRoster("/users/tch-005").map().get("user"));
        assertEquals("Smith, Jr.", smith.get("familyName"), "a quoted comma survives the trip");
        Map<String, Object> teacher = cast(f.oneRoster("/users/tch-006").map().get("user"));
        assertEquals(List.of("org-sch-muir", "org-sch-poly"),
                ((List<?>) teacher.get("orgs")).stream().map(o -> cast(o).get("sourcedId")).toList());
    }

    @Test
    void sampleUploadedWithAJavaClientImportsAndRerunningChangesNothing(RunningApp.App app) throws Exception {
        Fixture f = Fixture.create(app, "Java client district");
        try (SSHClient ssh = Sftp.sshj(app, f.sftpUser(), f.sftpPassword()); SFTPClient sftp = ssh.newSFTPClient()) {
            try (Stream<Path> files = Files.list(Fixture.SAMPLE)) {
                for (Path file : files.toList()) {
                    sftp.put(file.toString(), file.getFileName().toString());
                }
            }
            assertEquals(8, sftp.ls(".").size());
        }
        Map<String, Object> first = f.run();
        assertEquals("succeeded", first.get("status"), first.toString());

        Map<String, Object> second = f.run();
        assertEquals("succeeded", second.get("status"), second.toString());
        for (Object o : (List<?>) second.get("files")) {
            Map<String, Object> file = cast(o);
            assertEquals(0, ((Number) file.get("inserted")).intValue(), file.toString());
            assertEquals(0, ((Number) file.get("updated")).intValue(), file.toString());
            assertEquals(0, ((Number) file.get("deleted")).intValue(), file.toString());
            assertEquals(((Number) file.get("rows")).longValue(), ((Number) file.get("unchanged")).longValue(), file.toString());
        }
        List<Map<String, Object>> runs = app.adminGet("/api/sources/" + f.sourceId() + "/runs").list();
        assertEquals(List.of(second.get("id"), first.get("id")), runs.stream().map(r -> r.get("id")).toList(), "newest first");
    }

    @Test
    void oneTenantsClientNeverSeesAnotherTenantsRows(RunningApp.App app) {
        Fixture riverside = Fixture.create(app, "Riverside");
        Fixture lakeside = Fixture.create(app, "Lakeside");
        riverside.deliver(Fixture.SAMPLE);
        assertEquals("succeeded", riverside.run().get("status"));
        lakeside.deliver("manifest.csv", "propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\nfile.orgs,bulk\n");
        lakeside.deliver("orgs.csv", "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n"
                + "lake-1,,,Lakeside High,school,,\n");
        assertEquals("succeeded", lakeside.run().get("status"));

        assertEquals("4", riverside.oneRoster("/orgs").header("X-Total-Count"));
        assertEquals("1", lakeside.oneRoster("/orgs").header("X-Total-Count"));
        assertEquals("0", lakeside.oneRoster("/users").header("X-Total-Count"));
        assertEquals(Set.of("lake-1"), ((List<?>) lakeside.oneRoster("/orgs").map().get("orgs")).stream()
                .map(o -> cast(o).get("sourcedId")).collect(Collectors.toSet()));
        assertEquals(404, lakeside.oneRoster("/users/stu-001").status());
        assertEquals(404, lakeside.oneRoster("/orgs/org-district").status());
        assertEquals(404, riverside.oneRoster("/orgs/lake-1").status());
        assertEquals(200, riverside.oneRoster("/users/stu-001").status());
    }

    private static void assertEveryFileImported(Map<String, Object> run) {
        List<?> files = (List<?>) run.get("files");
        assertEquals(7, files.size(), run.toString());
        for (Object o : files) {
            Map<String, Object> file = cast(o);
            assertEquals("bulk", file.get("mode"));
            assertEquals(file.get("rows"), file.get("inserted"), file.toString());
            assertTrue(((Number) file.get("rows")).intValue() > 0, file.toString());
        }
    }

    private static List<Map<String, Object>> allUsers(Fixture f) {
        List<Map<String, Object>> users = new ArrayList<>();
        for (int offset = 0; ; offset += 20) {
            var page = f.oneRoster("/users?limit=20&offset=" + offset);
            assertEquals(200, page.status(), page.toString());
            List<?> batch = (List<?>) page.map().get("users");
            batch.forEach(u -> users.add(cast(u)));
            if (batch.size() < 20) {
                return users;
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }
}
