package org.rostersync.intake.sftp;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A client that keeps several files open on one session (pipelining clients do) gets a handle of its own for each,
 * whatever failed in between. MINA's default 4-byte handles are recycled numbers, and an open that fails loses the
 * number it took, so that a later open was given the handle of a file still open: that file's bytes went into the
 * later one, its own upload never completed, and its partial file stayed behind after the session ended.
 */
@ExtendWith(RunningApp.class)
class OpenFilesKeepTheirHandlesTest {

    private static final EnumSet<OpenMode> WRITE = EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC);

    @Test
    void aFailedOpenNeverGivesANewFileTheHandleOfOneStillOpen(RunningApp.App app) throws Exception {
        Fixture f = Fixture.create(app, "Pipelining district");
        Map<String, byte[]> expected = new TreeMap<>();
        try (SSHClient ssh = Sftp.sshj(app, f.sftpUser(), f.sftpPassword()); SFTPClient sftp = ssh.newSFTPClient()) {
            List<Failure> failures = List.of(() -> sftp.open("missing.csv", EnumSet.of(OpenMode.READ)),
                    () -> sftp.open("notes.txt", WRITE), () -> sftp.ls("no-such-folder"));
            String[][] rounds = {{"users.csv", "orgs.csv", "classes.csv", "courses.csv"},
                    {"enrollments.csv", "academicSessions.csv", "demographics.csv", "manifest.csv"},
                    {"lineItems.csv", "categories.csv", "results.csv", "a.zip"}};
            for (int round = 0; round < rounds.length; round++) {
                String[] names = rounds[round];
                RemoteFile first = sftp.open(names[0], WRITE);
                RemoteFile second = sftp.open(names[1], WRITE);
                RemoteFile third = sftp.open(names[2], WRITE);
                second.close(); // its handle is free again...
                expected.put(names[1], new byte[0]);
                assertThrows(IOException.class, failures.get(round)::run); // ...and a failed open takes it
                RemoteFile fourth = sftp.open(names[3], WRITE);
                // each file is written and closed through its own handle
                write(third, names[2], content(names[2]), expected);
                third.close();
                write(fourth, names[3], content(names[3]), expected);
                fourth.close();
                write(first, names[0], content(names[0]), expected);
                first.close();
            }
        }
        Inbox inbox = app.context().getBean(Inbox.class);
        Map<String, String> delivered = inbox.delivery(f.sourceId()).stream()
                .collect(Collectors.toMap(DeliveryFile::name, DeliveryFile::sha256, (a, b) -> a, TreeMap::new));
        Map<String, String> sent = expected.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> sha256(e.getValue()), (a, b) -> a, TreeMap::new));
        assertEquals(sent, delivered, "every file holds its own bytes");
        for (Map.Entry<String, byte[]> file : expected.entrySet()) {
            assertEquals(new String(file.getValue(), StandardCharsets.UTF_8),
                    Files.readString(inbox.folder(f.sourceId()).resolve(file.getKey())), file.getKey());
        }
        Path uploading = app.dataDir().resolve("inbox").resolve(".uploading");
        try (Stream<Path> parts = Files.list(uploading)) {
            assertEquals(List.of(), parts.filter(p -> p.getFileName().toString().startsWith(f.sourceId().toString())).toList(),
                    "no upload was left open");
        }
    }

    private interface Failure {
        void run() throws IOException;
    }

    private static void write(RemoteFile file, String name, byte[] bytes, Map<String, byte[]> expected) throws IOException {
        if (bytes.length > 0) {
            file.write(0, bytes, 0, bytes.length);
        }
        expected.put(name, bytes);
    }

    private static byte[] content(String name) {
        return ("sourcedId,status\n" + name + "-row,active\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
