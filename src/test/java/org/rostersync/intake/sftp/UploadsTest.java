package org.rostersync.intake.sftp;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rostersync.intake.inbox.DeliveryFile;
import org.rostersync.intake.inbox.Inbox;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;
import org.rostersync.support.Sftp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Uploads are all or nothing, under the inbox's names and limits, with real clients: OpenSSH's sftp and sshj. */
@ExtendWith(RunningApp.class)
class UploadsTest {

    @Test
    void aReplacementStaysInvisibleUntilItsHandleClosesAndADroppedOneLeavesThePreviousFileUntouched(RunningApp.App app)
            throws Exception {
        Fixture f = Fixture.create(app, "Replacing district");
        byte[] v1 = "sourcedId,status\nu1,active\n".getBytes(StandardCharsets.UTF_8);
        byte[] v2 = "sourcedId,status\nu1,active\nu2,active\n".getBytes(StandardCharsets.UTF_8);
        Path onDisk = inbox(app).folder(f.sourceId()).resolve("users.csv");
        try (SSHClient ssh = Sftp.sshj(app, f.sftpUser(), f.sftpPassword()); SFTPClient sftp = ssh.newSFTPClient()) {
            write(sftp, "users.csv", v1);
            assertDelivered(app, f, "users.csv", v1);

            try (RemoteFile file = sftp.open("users.csv", EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC))) {
                file.write(0, v2, 0, 20);
                assertArrayEquals(v1, Files.readAllBytes(onDisk), "the inbox still holds the complete file");
                assertDelivered(app, f, "users.csv", v1);
                file.write(20, v2, 20, v2.length - 20);
            }
            assertArrayEquals(v2, Files.readAllBytes(onDisk));
            assertDelivered(app, f, "users.csv", v2);

            RemoteFile dropped = sftp.open("users.csv", EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC));
            dropped.write(0, v1, 0, 5);
            ssh.getTransport().disconnect();
        }
        awaitNoUploadInProgress(app);
        assertArrayEquals(v2, Files.readAllBytes(onDisk));
        assertDelivered(app, f, "users.csv", v2);
    }

    @Test
    void uploadsCutOffAtRandomOffsetsNeverReachTheDeliveryAndLeaveNothingBehind(RunningApp.App app) throws Exception {
        Fixture f = Fixture.create(app, "Cut off district");
        byte[] complete = "sourcedId,status\nkept,active\n".getBytes(StandardCharsets.UTF_8);
        try (SSHClient ssh = Sftp.sshj(app, f.sftpUser(), f.sftpPassword()); SFTPClient sftp = ssh.newSFTPClient()) {
            write(sftp, "enrollments.csv", complete);
        }
        Random random = new Random(20261202);
        for (int i = 0; i < 20; i++) {
            byte[] bytes = new byte[1 + random.nextInt(300_000)];
            random.nextBytes(bytes);
            int cut = random.nextInt(bytes.length);
            SSHClient ssh = Sftp.sshj(app, f.sftpUser(), f.sftpPassword());
            SFTPClient sftp = ssh.newSFTPClient();
            RemoteFile file = sftp.open("enrollments.csv", EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC));
            for (int at = 0; at < cut; at += 32_768) {
                file.write(at, bytes, at, Math.min(32_768, cut - at));
            }
            if (i % 2 == 0) {
                ssh.getTransport().disconnect(); // the client says goodbye with the file open
            } else {
                ssh.getSocket().close(); // the network drops
            }
            ssh.close();
            awaitNoUploadInProgress(app);
            assertDelivered(app, f, "enrollments.csv", complete);
        }
        assertArrayEquals(complete, Files.readAllBytes(inbox(app).folder(f.sourceId()).resolve("enrollments.csv")));
    }

    @Test
    void killingOpenSshMidUploadLeavesThePreviousFileAndNoPartialOne(RunningApp.App app, @TempDir Path work) throws Exception {
        Fixture f = Fixture.create(app, "Killed client district");
        byte[] complete = "sourcedId,status\nkept,active\n".getBytes(StandardCharsets.UTF_8);
        Files.write(work.resolve("users.csv"), complete);
        assertEquals(0, Sftp.openssh(app.sftpPort(), f.sftpUser(), f.sftpPassword(), work, "put users.csv").exitCode());
        byte[] big = new byte[8 << 20];
        new Random(7).nextBytes(big);
        Files.write(work.resolve("big.csv"), big);
        for (int round = 0; round < 2; round++) {
            // 4000 kbit/s: about two seconds for 8 MiB, so the kill lands mid-transfer
            Process client = Sftp.startOpenssh(app.sftpPort(), f.sftpUser(), f.sftpPassword(), work, List.of("-l", "4000"),
                    "put big.csv users.csv");
            long deadline = System.currentTimeMillis() + 20_000;
            while (uploadedSoFar(app) < (round + 1) * 100_000L && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(client.isAlive(), "the upload was still going when killed");
            client.destroyForcibly().waitFor();
            awaitNoUploadInProgress(app);
            assertDelivered(app, f, "users.csv", complete);
        }
    }

    @Test
    void aFileUploadedUnderATemporaryNameCountsOnlyOnceRenamed(RunningApp.App app, @TempDir Path work) throws Exception {
        Fixture f = Fixture.create(app, "WinSCP district");
        byte[] users = "sourcedId,status\nu1,active\n".getBytes(StandardCharsets.UTF_8);
        Files.write(work.resolve("users.csv"), users);

        Sftp.Result uploaded = Sftp.openssh(app.sftpPort(), f.sftpUser(), f.sftpPassword(), work, "put users.csv users.csv.filepart");
        assertEquals(0, uploaded.exitCode(), uploaded.output());
        assertTrue(inbox(app).delivery(f.sourceId()).isEmpty(), "a temporary name is not part of the delivery");

        Sftp.Result renamed = Sftp.openssh(app.sftpPort(), f.sftpUser(), f.sftpPassword(), work,
                "rename users.csv.filepart users.csv", "ls -1");
        assertEquals(0, renamed.exitCode(), renamed.output());
        String listing = renamed.output().substring(renamed.output().indexOf("sftp> ls -1"));
        assertFalse(listing.contains(".filepart"), renamed.output());
        assertDelivered(app, f, "users.csv", users);
    }

    @Test
    void namesOutsideTheOneRosterSetAreRefusedSayingWhich(RunningApp.App app, @TempDir Path work) throws Exception {
        Fixture f = Fixture.create(app, "Naming district");
        Files.writeString(work.resolve("users.csv"), "sourcedId\nu1\n");
        Path folder = inbox(app).folder(f.sourceId());

        Sftp.Result openssh = Sftp.openssh(app.sftpPort(), f.sftpUser(), f.sftpPassword(), work,
                "-put users.csv run.sh", "-put users.csv Users.csv", "-put users.csv .users.csv", "-put users.csv users.csv.bak",
                "put users.csv 2026-12-02_delivery.zip", "put users.csv users.csv", "-rename users.csv notes.txt");
        assertTrue(openssh.output().contains("Permission denied"), openssh.output());
        for (String refused : List.of("run.sh", "Users.csv", ".users.csv", "users.csv.bak", "notes.txt")) {
            assertFalse(Files.exists(folder.resolve(refused)), refused + ": " + openssh.output());
        }
        assertTrue(Files.exists(folder.resolve("users.csv")), "a refused rename leaves the file: " + openssh.output());
        assertTrue(Files.exists(folder.resolve("2026-12-02_delivery.zip")), openssh.output());

        try (SSHClient ssh = Sftp.sshj(app, f.sftpUser(), f.sftpPassword()); SFTPClient sftp = ssh.newSFTPClient()) {
            SFTPException e = assertThrows(SFTPException.class,
                    () -> sftp.open("notes.txt", EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC)));
            assertTrue(e.getMessage().contains("'notes.txt' is not a file this inbox takes"), e.getMessage());
        }
        awaitNoUploadInProgress(app);
    }

    @Test
    void aVendorListsReadsBackAndDeletesItsFilesAndADeletedFileLeavesTheDelivery(RunningApp.App app, @TempDir Path work)
            throws Exception {
        Fixture f = Fixture.create(app, "Deleting district");
        byte[] orgs = "sourcedId,status\no1,active\n".getBytes(StandardCharsets.UTF_8);
        Files.write(work.resolve("orgs.csv"), orgs);
        Sftp.Result result = Sftp.openssh(app.sftpPort(), f.sftpUser(), f.sftpPassword(), work,
                "put orgs.csv", "ls -l", "get orgs.csv back.csv");
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("orgs.csv"), result.output());
        assertArrayEquals(orgs, Files.readAllBytes(work.resolve("back.csv")));
        assertDelivered(app, f, "orgs.csv", orgs);

        Sftp.Result removed = Sftp.openssh(app.sftpPort(), f.sftpUser(), f.sftpPassword(), work, "rm orgs.csv");
        assertEquals(0, removed.exitCode(), removed.output());
        assertTrue(inbox(app).delivery(f.sourceId()).isEmpty());
        assertFalse(Files.exists(inbox(app).folder(f.sourceId()).resolve("orgs.csv")));
    }

    @Test
    void aFileOverTheSizeLimitOrPastTheQuotaIsRefusedAndNothingOfItIsKept(@TempDir Path work) throws Exception {
        try (RunningApp.App app = RunningApp.startWith(Map.of("rostersync.sftp.max-file-bytes", 100_000,
                "rostersync.sftp.quota-bytes", 250_000))) {
            Fixture f = Fixture.create(app, "Limited district");
            byte[] file = new byte[90_000];
            try (SSHClient ssh = Sftp.sshj(app, f.sftpUser(), f.sftpPassword()); SFTPClient sftp = ssh.newSFTPClient()) {
                IOException tooLarge = assertThrows(IOException.class, () -> write(sftp, "users.csv", new byte[100_001]));
                assertTrue(tooLarge.getMessage().contains("users.csv would be larger than 100000 bytes"), tooLarge.getMessage());

                write(sftp, "orgs.csv", file);
                write(sftp, "classes.csv", file);
                IOException full = assertThrows(IOException.class, () -> write(sftp, "courses.csv", file));
                assertTrue(full.getMessage().contains("the inbox is full"), full.getMessage());

                sftp.rm("orgs.csv");
                write(sftp, "courses.csv", file);
            }
            awaitNoUploadInProgress(app);
            assertEquals(List.of("classes.csv", "courses.csv"),
                    inbox(app).delivery(f.sourceId()).stream().map(DeliveryFile::name).toList());
            try (Stream<Path> files = Files.list(inbox(app).folder(f.sourceId()))) {
                assertEquals(List.of("classes.csv", "courses.csv"),
                        files.map(p -> p.getFileName().toString()).sorted().toList());
            }
            uploadsAtOnceThatFitTheQuotaSucceed(app);
        }
    }

    /**
     * Four uploads of 90,000 bytes at once into an empty inbox of 250,000: two fit, and two succeed. Each is charged for
     * what it has written, so the first writes of all four go through; when the inbox is full, the upload refused gives
     * its bytes back at once, before its client closes it (OpenSSH's sftp first waits for the answers to the writes it
     * has in flight: here the refused files stay open until the end), and the others go on.
     */
    private static void uploadsAtOnceThatFitTheQuotaSucceed(RunningApp.App app) throws Exception {
        Fixture f = Fixture.create(app, "Concurrent uploads district");
        byte[] file = new byte[90_000];
        new Random(4).nextBytes(file);
        List<String> names = List.of("orgs.csv", "users.csv", "classes.csv", "courses.csv");
        List<SSHClient> clients = new java.util.ArrayList<>();
        try {
            List<RemoteFile> open = new java.util.ArrayList<>();
            for (String name : names) {
                SSHClient ssh = Sftp.sshj(app, f.sftpUser(), f.sftpPassword());
                clients.add(ssh);
                open.add(ssh.newSFTPClient().open(name, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC)));
            }
            java.util.Set<Integer> refused = new java.util.TreeSet<>();
            for (int at = 0; at < file.length; at += 10_000) {
                for (int i = 0; i < open.size(); i++) {
                    if (refused.contains(i)) {
                        continue;
                    }
                    try {
                        open.get(i).write(at, file, at, Math.min(10_000, file.length - at));
                    } catch (IOException full) {
                        assertTrue(full.getMessage().contains("the inbox is full"), full.getMessage());
                        refused.add(i);
                    }
                }
            }
            for (int i = 0; i < open.size(); i++) {
                if (refused.contains(i)) {
                    assertThrows(IOException.class, open.get(i)::close);
                } else {
                    open.get(i).close();
                }
            }
            assertEquals(2, refused.size(), "refused: " + refused);
        } finally {
            for (SSHClient ssh : clients) {
                ssh.close();
            }
        }
        awaitNoUploadInProgress(app);
        assertEquals(2, inbox(app).delivery(f.sourceId()).size(), inbox(app).delivery(f.sourceId()).toString());
    }

    @Test
    void aLargeUploadFlushedToTheDiskWhileItGoesOnArrivesWholeWithItsSha256(RunningApp.App app, @TempDir Path work) throws Exception {
        Fixture f = Fixture.create(app, "Large upload district");
        byte[] big = new byte[3 * Upload.WRITEBACK_BYTES + 12_345];
        new java.util.Random(5).nextBytes(big);
        Path local = work.resolve("big.zip");
        Files.write(local, big);
        Sftp.Result openssh = Sftp.openssh(app.sftpPort(), f.sftpUser(), f.sftpPassword(), work, "put big.zip");
        assertEquals(0, openssh.exitCode(), openssh.output());
        assertDelivered(app, f, "big.zip", big);
        assertArrayEquals(big, Files.readAllBytes(inbox(app).folder(f.sourceId()).resolve("big.zip")));
    }

    private static void write(SFTPClient sftp, String name, byte[] bytes) throws IOException {
        try (RemoteFile file = sftp.open(name, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC))) {
            for (int at = 0; at < bytes.length; at += 32_768) {
                file.write(at, bytes, at, Math.min(32_768, bytes.length - at));
            }
        }
    }

    private static Inbox inbox(RunningApp.App app) {
        return app.context().getBean(Inbox.class);
    }

    private static void assertDelivered(RunningApp.App app, Fixture f, String name, byte[] content) throws Exception {
        List<DeliveryFile> delivery = inbox(app).delivery(f.sourceId());
        assertEquals(List.of(name), delivery.stream().map(DeliveryFile::name).toList());
        assertEquals(content.length, delivery.get(0).size());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)), delivery.get(0).sha256());
    }

    private static Path uploading(RunningApp.App app) {
        return app.dataDir().resolve("inbox").resolve(".uploading");
    }

    private static long uploadedSoFar(RunningApp.App app) throws IOException {
        if (!Files.isDirectory(uploading(app))) {
            return 0;
        }
        try (Stream<Path> files = Files.list(uploading(app))) {
            long total = 0;
            for (Path p : files.toList()) {
                try {
                    total += Files.size(p);
                } catch (java.nio.file.NoSuchFileException gone) {
                    // promoted or removed meanwhile
                }
            }
            return total;
        }
    }

    /** The server learns of a dropped connection a moment later: wait until no upload is in progress, or fail. */
    private static void awaitNoUploadInProgress(RunningApp.App app) throws Exception {
        for (int i = 0; i < 250; i++) {
            if (!Files.isDirectory(uploading(app))) {
                return;
            }
            try (Stream<Path> files = Files.list(uploading(app))) {
                if (files.findAny().isEmpty()) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        try (Stream<Path> files = Files.list(uploading(app))) {
            throw new AssertionError("partial uploads left behind: " + files.toList());
        }
    }
}
