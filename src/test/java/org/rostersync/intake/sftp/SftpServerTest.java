package org.rostersync.intake.sftp;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.userauth.UserAuthException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rostersync.intake.inbox.DeliveryFile;
import org.rostersync.intake.inbox.Inbox;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;
import org.rostersync.support.Sftp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(RunningApp.class)
class SftpServerTest {

    @Test
    void wrongPasswordIsRefusedByOpenSshAndJavaClients(RunningApp.App app, @TempDir Path work) throws Exception {
        Fixture f = Fixture.create(app, "Wrong password district");
        Sftp.Result openssh = Sftp.openssh(app.sftpPort(), f.sftpUser(), "not-the-password", work, "ls");
        assertNotEquals(0, openssh.exitCode(), openssh.output());
        assertTrue(openssh.output().contains("Permission denied"), openssh.output());
        assertThrows(UserAuthException.class, () -> Sftp.sshj(app, f.sftpUser(), "not-the-password").close());
        assertThrows(UserAuthException.class, () -> Sftp.sshj(app, "no-such-user", f.sftpPassword()).close());
    }

    @Test
    void eachSourceSeesOnlyItsOwnInboxAndNothingIsWrittenOutsideIt(RunningApp.App app, @TempDir Path work) throws Exception {
        Fixture mine = Fixture.create(app, "Mine");
        Fixture other = Fixture.create(app, "Other");
        other.deliver("users.csv", "sourcedId\nsecret-user\n");
        Files.writeString(work.resolve("escape.csv"), "sourcedId\nx\n");
        Path inboxRoot = app.dataDir().resolve("inbox");

        Sftp.Result result = Sftp.openssh(app.sftpPort(), mine.sftpUser(), mine.sftpPassword(), work,
                "-put escape.csv ../escape.csv",
                "-put escape.csv ../../escape.csv",
                "-put escape.csv ../" + other.sourceId() + "/users.csv",
                "-get /etc/passwd passwd-copy",
                "-get ../" + other.sourceId() + "/users.csv stolen.csv",
                "-mkdir sub",
                "-symlink /etc/passwd link.csv",
                "ls -la");

        assertFalse(Files.exists(work.resolve("passwd-copy")), result.output());
        assertFalse(Files.exists(work.resolve("stolen.csv")), result.output());
        assertFalse(Files.exists(inboxRoot.resolve("escape.csv")), "nothing above the inboxes");
        assertFalse(Files.exists(app.dataDir().resolve("escape.csv")), "nothing in the data directory");
        assertEquals("sourcedId\nsecret-user\n", Files.readString(inboxRoot.resolve(other.sourceId().toString()).resolve("users.csv")));
        Path myInbox = inboxRoot.resolve(mine.sourceId().toString());
        try (Stream<Path> files = Files.list(myInbox)) {
            assertTrue(files.allMatch(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)),
                    "no folders or links were created: " + result.output());
        }
    }

    @Test
    void onlyCleanlyClosedUploadsBelongToTheDelivery(RunningApp.App app) throws Exception {
        Fixture f = Fixture.create(app, "Dropped connection district");
        Inbox inbox = app.context().getBean(Inbox.class);
        byte[] complete = "sourcedId,status,dateLastModified\nu1,,\n".getBytes(StandardCharsets.UTF_8);
        try (SSHClient ssh = Sftp.sshj(app, f.sftpUser(), f.sftpPassword()); SFTPClient sftp = ssh.newSFTPClient()) {
            try (RemoteFile file = sftp.open("orgs.csv", EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC))) {
                file.write(0, complete, 0, complete.length);
            }
            RemoteFile partial = sftp.open("users.csv", EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC));
            partial.write(0, complete, 0, 10);
            // The connection drops with users.csv still open.
            ssh.getTransport().disconnect();
        }
        List<DeliveryFile> delivery = awaitDelivery(inbox, f, 1);
        assertEquals(List.of("orgs.csv"), delivery.stream().map(DeliveryFile::name).toList());
        DeliveryFile orgs = delivery.get(0);
        assertEquals(complete.length, orgs.size());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(complete)), orgs.sha256());
    }

    private static List<DeliveryFile> awaitDelivery(Inbox inbox, Fixture f, int expected) throws Exception {
        List<DeliveryFile> delivery = inbox.delivery(f.sourceId());
        for (int i = 0; i < 100 && delivery.size() < expected; i++) {
            Thread.sleep(20);
            delivery = inbox.delivery(f.sourceId());
        }
        Thread.sleep(200);
        return inbox.delivery(f.sourceId());
    }
}
