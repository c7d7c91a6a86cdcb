package org.rostersync.intake.sftp;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.userauth.UserAuthException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;
import org.rostersync.support.Sftp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every login and every completed, aborted, refused or deleted upload is in the source's audit trail, never a password. */
@ExtendWith(RunningApp.class)
class SftpEventsTest {

    @Test
    void loginsAndUploadsAreRecordedWithoutPasswordsOrContents(RunningApp.App app, @TempDir Path work) throws Exception {
        Fixture f = Fixture.create(app, "Audited district");
        String secretContent = "sourcedId,status\nsecret-student-4711,active\n";
        assertThrows(UserAuthException.class, () -> Sftp.sshj(app, f.sftpUser(), "Wrong-Password-9z").close());
        try (SSHClient ssh = Sftp.sshj(app, f.sftpUser(), f.sftpPassword()); SFTPClient sftp = ssh.newSFTPClient()) {
            try (RemoteFile file = sftp.open("users.csv", EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC))) {
                byte[] bytes = secretContent.getBytes(StandardCharsets.UTF_8);
                file.write(0, bytes, 0, bytes.length);
            }
            sftp.rm("users.csv");
            RemoteFile dropped = sftp.open("orgs.csv", EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC));
            dropped.write(0, new byte[10], 0, 10);
            ssh.getTransport().disconnect();
        }
        awaitEvents(app, f, 5);
        Files.writeString(work.resolve("x.csv"), "x\n");
        Sftp.openssh(app.sftpPort(), f.sftpUser(), f.sftpPassword(), work, "-put x.csv notes.txt");

        List<Map<String, Object>> events = awaitEvents(app, f, 7);
        List<String> kinds = new java.util.ArrayList<>(events.stream().map(e -> (String) e.get("kind")).toList());
        java.util.Collections.reverse(kinds);
        assertEquals(List.of("login_failed", "login_succeeded", "upload_completed", "file_deleted", "upload_aborted",
                "login_succeeded", "upload_refused"), kinds, events.toString());
        Map<String, Object> failed = events.get(6);
        assertEquals(f.sftpUser(), failed.get("username"));
        assertEquals("127.0.0.1", failed.get("address"));
        assertEquals("password", failed.get("method"));
        Map<String, Object> completed = events.get(4);
        assertEquals("users.csv", completed.get("file"));
        assertEquals(secretContent.length(), ((Number) completed.get("size")).intValue());
        assertEquals(64, ((String) completed.get("sha256")).length());
        assertEquals("orgs.csv", events.get(2).get("file"));
        assertTrue(((String) events.get(0).get("detail")).contains("'notes.txt' is not a file this inbox takes"));

        String body = app.adminGet("/api/sources/" + f.sourceId() + "/sftp-events").body();
        for (String secret : List.of(f.sftpPassword(), "Wrong-Password-9z", "secret-student-4711")) {
            assertFalse(body.contains(secret), secret + " in " + body);
        }
        assertEquals(404, app.adminGet("/api/sources/" + java.util.UUID.randomUUID() + "/sftp-events").status());
    }

    /** The server records a dropped connection's abort a moment after the client is gone. */
    private static List<Map<String, Object>> awaitEvents(RunningApp.App app, Fixture f, int count) throws InterruptedException {
        List<Map<String, Object>> events = List.of();
        for (int i = 0; i < 100 && events.size() < count; i++) {
            events = app.adminGet("/api/sources/" + f.sourceId() + "/sftp-events").list();
            Thread.sleep(50);
        }
        return events;
    }
}
