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
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
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

    @Test
    void chmodChownChgrpAndTimesSucceedForTheClientAndChangeNothingOnDiskWhereNothingIsReadableByOthers(RunningApp.App app,
                                                                                                     @TempDir Path work) throws Exception {
        Fixture f = Fixture.create(app, "Chmod district").withoutSafeguards();
        try (Stream<Path> sample = Files.list(Fixture.SAMPLE)) {
            for (Path file : sample.toList()) {
                Files.copy(file, work.resolve(file.getFileName()));
            }
        }
        Path local = work.resolve("users.csv");
        Files.setPosixFilePermissions(local, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setLastModifiedTime(local, FileTime.from(Instant.parse("2001-02-03T04:05:06Z")));
        // put -p sets the mode and times after the upload, as WinSCP and FileZilla do; each failing command fails the batch
        Sftp.Result result = Sftp.openssh(app.sftpPort(), f.sftpUser(), f.sftpPassword(), work,
                "put *.csv", "put -p users.csv", "chmod 777 users.csv", "chmod 000 orgs.csv", "chown 1234 users.csv",
                "chgrp 1234 users.csv", "chmod 777 .", "ls -l");
        assertEquals(0, result.exitCode(), result.output());

        Path inboxFolder = app.dataDir().resolve("inbox").resolve(f.sourceId().toString());
        Path users = inboxFolder.resolve("users.csv");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(users)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(inboxFolder.resolve("orgs.csv"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(inboxFolder)));
        assertEquals(Files.getAttribute(app.dataDir(), "unix:uid"), Files.getAttribute(users, "unix:uid"));
        assertEquals(Files.getAttribute(app.dataDir(), "unix:gid"), Files.getAttribute(users, "unix:gid"));
        assertTrue(Files.getLastModifiedTime(users).toInstant().isAfter(Instant.parse("2020-01-01T00:00:00Z")),
                "the times were not set: " + Files.getLastModifiedTime(users));

        Map<String, Object> run = f.run();
        assertEquals("succeeded", run.get("status"), run.toString());
        List<Path> checked = new java.util.ArrayList<>(List.of(app.dataDir(), app.dataDir().resolve("inbox"), inboxFolder,
                app.dataDir().resolve("runs"), app.dataDir().resolve("runs").resolve((String) run.get("id")),
                app.dataDir().resolve("sftp")));
        for (Path tree : List.copyOf(checked)) {
            if (!tree.equals(app.dataDir()) && !tree.equals(app.dataDir().resolve("inbox")) && !tree.equals(app.dataDir().resolve("runs"))) {
                try (Stream<Path> all = Files.walk(tree)) {
                    all.forEach(checked::add);
                }
            }
        }
        assertTrue(checked.size() > 15, checked.toString());
        for (Path p : checked) {
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS));
            assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------", mode, p.toString());
        }
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
