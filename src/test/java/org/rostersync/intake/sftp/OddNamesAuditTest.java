package org.rostersync.intake.sftp;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.SFTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;
import org.rostersync.support.Sftp;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A refused upload is audited whatever its name: a vendor (or an attacker with its password) must not be able to leave
 * no trace by putting a NUL in the name. Found by EscapePropertiesTest's log: PostgreSQL refuses a text with 0x00.
 */
@ExtendWith(RunningApp.class)
class OddNamesAuditTest {

    @Test
    void aRefusedUploadWithANulInItsNameIsStillAudited(RunningApp.App app) throws Exception {
        Fixture f = Fixture.create(app, "Odd names district");
        try (SSHClient ssh = Sftp.sshj(app, f.sftpUser(), f.sftpPassword()); SFTPClient sftp = ssh.newSFTPClient()) {
            for (String name : List.of("run.sh", "run\u0000.sh", "users.csv\u0000.zip")) {
                assertThrows(IOException.class, () -> sftp.open(name, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC)),
                        name);
            }
        }
        List<Map<String, Object>> events = app.adminGet("/api/sources/" + f.sourceId() + "/sftp-events").list();
        assertEquals(3, events.stream().filter(e -> "upload_refused".equals(e.get("kind"))).count(), events.toString());
        assertTrue(events.stream().anyMatch(e -> "run\\u0000.sh".equals(e.get("file"))), "the name as sent, NUL shown: " + events);
    }
}
