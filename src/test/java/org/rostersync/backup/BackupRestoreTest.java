package org.rostersync.backup;

import io.micronaut.json.JsonMapper;
import net.schmizz.sshj.SSHClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rostersync.intake.sftp.SftpServer;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backup taken while the service runs, the data directory wiped, the backup restored: the service starts on it with
 * the same roster, host key, credentials and tokens, and the run archives and their shared files as they were.
 */
class BackupRestoreTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aBackupTakenWhileTheServiceRunsRestoresTheSameRosterHostKeyCredentialsAndTokens(@TempDir Path temp) throws Exception {
        Path data = temp.resolve("data");
        Path backup = temp.resolve("backup");
        Fixture f;
        String users;
        String hostKey;
        String token;
        String runId;
        try (RunningApp.App app = RunningApp.startOnEmbeddedDatabase(data)) {
            f = Fixture.create(app, "Backup district");
            f.deliver(Fixture.SAMPLE);
            runId = (String) f.run().get("id");
            // a second run of the same delivery shares its frozen files by hard link
            assertEquals("succeeded", f.run().get("status"));
            // the links name the address, whose port changes between starts
            users = f.oneRoster("/users?sort=sourcedId").body().replace(app.baseUrl(), "");
            assertTrue(users.contains("\"sourcedId\""), users);
            hostKey = app.context().getBean(SftpServer.class).fingerprint().split(" ")[1];
            token = token(app, f);
            assertEquals(200, bearer(app, "/ims/oneroster/v1p1/orgs", token).statusCode());

            Files.createDirectories(backup);
            Files.writeString(backup.resolve("stray"), "x");
            BackupRefusal notEmpty = assertThrows(BackupRefusal.class, () -> Backup.run(data, backup));
            assertTrue(notEmpty.getMessage().contains("is not empty"), notEmpty.getMessage());
            Files.delete(backup.resolve("stray"));

            BackupManifest saved = Backup.run(data, backup);
            assertEquals(schemaVersionOfThisRelease(), saved.schemaVersion());

            // what happens after the backup is not in it
            assertEquals(201, app.adminPost("/api/tenants", "{\"name\":\"After the backup\"}").status());

            BackupRefusal running = assertThrows(BackupRefusal.class, () -> Restore.run(backup, data));
            assertTrue(running.getMessage().contains("is running"), running.getMessage());
        }
        assertTrue(Files.exists(data.resolve("secret.key")), "the directory the test wipes holds the secrets");
        BackupRefusal notEmpty = assertThrows(BackupRefusal.class, () -> Restore.run(backup, data));
        assertTrue(notEmpty.getMessage().contains("is not empty"), notEmpty.getMessage());
        BackupRefusal unfinished = assertThrows(BackupRefusal.class, () -> Restore.run(temp, temp.resolve("other")));
        assertTrue(unfinished.getMessage().contains("not a finished rostersync backup"), unfinished.getMessage());

        wipe(data);
        Restore.run(backup, data);

        try (RunningApp.App restored = RunningApp.startOnEmbeddedDatabase(data)) {
            Fixture same = new Fixture(restored, f.tenantId(), f.sourceId(), f.sftpUser(), f.sftpPassword(), f.clientId(),
                    f.clientSecret());
            assertEquals(users, same.oneRoster("/users?sort=sourcedId").body().replace(restored.baseUrl(), ""),
                    "the same roster, same client credentials");
            assertEquals(200, bearer(restored, "/ims/oneroster/v1p1/orgs", token).statusCode(),
                    "a token issued before the backup is still valid");
            assertEquals(hostKey, restored.context().getBean(SftpServer.class).fingerprint().split(" ")[1]);
            try (SSHClient ssh = new SSHClient()) {
                ssh.addHostKeyVerifier(hostKey);
                ssh.connect("127.0.0.1", restored.sftpPort());
                ssh.authPassword(f.sftpUser(), f.sftpPassword());
                assertTrue(ssh.isAuthenticated(), "the vendor's SFTP password still works");
            }
            String tenants = restored.adminGet("/api/tenants").body();
            assertTrue(tenants.contains("Backup district"), tenants);
            assertFalse(tenants.contains("After the backup"), tenants);
            assertEquals(200, restored.adminGet("/api/runs/" + runId).status());
            assertSharedFrozenFiles(data, runId);
            // and it still runs: the restored inbox's delivery is read again
            assertEquals("succeeded", same.run().get("status"));
        }
    }

    /** The restored run archive's files are links of the one stored copy of their content, as before the backup. */
    private static void assertSharedFrozenFiles(Path data, String runId) throws IOException {
        Path delivered = data.resolve("runs").resolve(runId).resolve("delivered");
        try (Stream<Path> files = Files.list(delivered)) {
            List<Path> csvs = files.filter(p -> p.toString().endsWith(".csv")).toList();
            assertFalse(csvs.isEmpty(), "the run's archive was restored");
            for (Path csv : csvs) {
                Object key = Files.readAttributes(csv, BasicFileAttributes.class).fileKey();
                int links = (Integer) Files.getAttribute(csv, "unix:nlink");
                assertTrue(links >= 3, csv + " is linked from the store and both runs, " + links + " links");
                try (Stream<Path> stored = Files.list(data.resolve("runs").resolve("files"))) {
                    assertEquals(1, stored.filter(s -> key.equals(fileKey(s))).count(), csv.toString());
                }
            }
        }
    }

    private static Object fileKey(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String schemaVersionOfThisRelease() throws IOException {
        try (Stream<Path> migrations = Files.list(Path.of("src", "main", "resources", "db", "migration"))) {
            return Integer.toString(migrations.map(p -> p.getFileName().toString())
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow());
        }
    }

    private static void wipe(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String token(RunningApp.App app, Fixture f) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + f.clientId()
                        + "&client_secret=" + f.clientSecret()))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode(), r.body());
        Map<?, ?> body = app.context().getBean(JsonMapper.class).readValue(r.body(), Map.class);
        return (String) body.get("access_token");
    }

    private static HttpResponse<String> bearer(RunningApp.App app, String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
