package org.rostersync.intake.sftp;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.PacketType;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.intake.inbox.DeliveryFile;
import org.rostersync.intake.inbox.Inbox;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;
import org.rostersync.support.Sftp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MINA offers the copy-file and copy-data extensions, which write files without an upload: past the inbox's names,
 * its size limit and its quota, and (copy-file follows links) from a link planted on disk to whatever it points at.
 * Everything a vendor writes must go through an upload.
 */
@ExtendWith(RunningApp.class)
class ServerSideCopyTest {

    @Test
    void copyFileIsRefusedWhateverTheNamesAndNothingIsCreated(RunningApp.App app) throws Exception {
        Fixture mine = Fixture.create(app, "Copying district");
        Fixture other = Fixture.create(app, "Copied district");
        other.deliver("users.csv", "sourcedId\nsecret\n");
        mine.deliver("orgs.csv", "sourcedId\nmine\n");
        Path myInbox = app.context().getBean(Inbox.class).folder(mine.sourceId());
        Files.createSymbolicLink(myInbox.resolve("link.csv"), Path.of("..", other.sourceId().toString(), "users.csv"));
        try (SSHClient ssh = Sftp.sshj(app, mine.sftpUser(), mine.sftpPassword()); SFTPClient sftp = ssh.newSFTPClient()) {
            SFTPEngine engine = sftp.getSFTPEngine();
            for (String[] copy : List.of(new String[]{"orgs.csv", "run.sh"}, new String[]{"orgs.csv", "users.csv"},
                    new String[]{"link.csv", "classes.csv"}, new String[]{"orgs.csv", "../" + other.sourceId() + "/orgs.csv"})) {
                Response r = engine.request(engine.newExtendedRequest("copy-file").putString(copy[0]).putString(copy[1])
                        .putBoolean(true)).retrieve(10, TimeUnit.SECONDS);
                assertEquals(PacketType.STATUS, r.getType());
                assertNotEquals(Response.StatusCode.OK, r.readStatusCode(), "copy-file " + copy[0] + " → " + copy[1]);
            }
        }
        try (Stream<Path> files = Files.list(myInbox)) {
            assertEquals(Set.of("orgs.csv", "link.csv"), Set.copyOf(files.map(p -> p.getFileName().toString()).toList()),
                    "nothing was copied");
        }
        try (Stream<Path> files = Files.list(app.context().getBean(Inbox.class).folder(other.sourceId()))) {
            assertEquals(List.of("users.csv"), files.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals(List.of("orgs.csv"), app.context().getBean(Inbox.class).delivery(mine.sourceId()).stream()
                .map(DeliveryFile::name).toList());
    }

    /**
     * copy-data writes through MINA's FileHandle.write, which no SftpEventListener sees: UploadTracker's checks of the
     * size limit and the quota never run. With MINA's default 4-byte handles this wrote 540,000 bytes into a file
     * limited to 100,000. It is refused now only because MINA reads copy-data's handles as UTF-8 and the server's
     * random 16-byte handles seldom survive that (one in 65,536 is plain ASCII): see the report.
     */
    @Test
    void copyDataIntoAnUploadStaysWithinTheFileSizeLimit() throws Exception {
        try (RunningApp.App app = RunningApp.startWith(Map.of("rostersync.sftp.max-file-bytes", 100_000))) {
            Fixture f = Fixture.create(app, "Copy data district");
            byte[] orgs = new byte[90_000];
            java.util.Arrays.fill(orgs, (byte) 'x');
            try (SSHClient ssh = Sftp.sshj(app, f.sftpUser(), f.sftpPassword()); SFTPClient sftp = ssh.newSFTPClient()) {
                try (RemoteFile file = sftp.open("orgs.csv", EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC))) {
                    file.write(0, orgs, 0, orgs.length);
                }
                SFTPEngine engine = sftp.getSFTPEngine();
                byte[] from = handle(engine, "orgs.csv", 0x01);
                byte[] to = handle(engine, "users.csv", 0x02 | 0x08 | 0x10);
                for (long at = 0; at < 500_000; at += orgs.length) {
                    Response r = engine.request(engine.newExtendedRequest("copy-data").putString(from).putUInt64(0)
                            .putUInt64(orgs.length).putString(to).putUInt64(at)).retrieve(10, TimeUnit.SECONDS);
                    if (r.readStatusCode() != Response.StatusCode.OK) {
                        break;
                    }
                }
                engine.request(engine.newRequest(PacketType.CLOSE).putString(from)).retrieve(10, TimeUnit.SECONDS);
                engine.request(engine.newRequest(PacketType.CLOSE).putString(to)).retrieve(10, TimeUnit.SECONDS);
            }
            Path users = app.context().getBean(Inbox.class).folder(f.sourceId()).resolve("users.csv");
            assertTrue(!Files.exists(users) || Files.size(users) <= 100_000,
                    "users.csv holds " + (Files.exists(users) ? Files.size(users) : 0) + " bytes, over the 100000 a file may be");
            assertTrue(app.context().getBean(Inbox.class).delivery(f.sourceId()).stream()
                    .allMatch(d -> d.size() <= 100_000), "the delivery holds only files within the limit");
        }
    }

    @Test
    void extensionsThatWouldWriteWithoutAnUploadAreRefusedAsUnsupportedWhileOpenSshsRenameWorks(RunningApp.App app,
                                                                                              @TempDir Path work) throws Exception {
        Fixture f = Fixture.create(app, "Extension district");
        try (SSHClient ssh = Sftp.sshj(app, f.sftpUser(), f.sftpPassword()); SFTPClient sftp = ssh.newSFTPClient()) {
            try (RemoteFile file = sftp.open("orgs.csv", EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC))) {
                file.write(0, new byte[]{'x'}, 0, 1);
            }
            SFTPEngine engine = sftp.getSFTPEngine();
            byte[] from = handle(engine, "orgs.csv", 0x01);
            byte[] to = handle(engine, "users.csv", 0x02 | 0x08 | 0x10);
            List<net.schmizz.sshj.sftp.Request> requests = List.of(
                    engine.newExtendedRequest("copy-data").putString(from).putUInt64(0).putUInt64(1).putString(to).putUInt64(0),
                    engine.newExtendedRequest("hardlink@openssh.com").putString("orgs.csv").putString("users.csv"),
                    engine.newExtendedRequest("md5-hash").putString("orgs.csv").putUInt64(0).putUInt64(0).putString(""),
                    engine.newExtendedRequest("check-file-name").putString("orgs.csv").putString("sha256").putUInt64(0)
                            .putUInt64(0).putUInt32(0),
                    engine.newExtendedRequest("copy-file").putString("orgs.csv").putString("classes.csv").putBoolean(false));
            for (net.schmizz.sshj.sftp.Request request : requests) {
                Response r = engine.request(request).retrieve(10, TimeUnit.SECONDS);
                assertEquals(PacketType.STATUS, r.getType());
                assertEquals(Response.StatusCode.OP_UNSUPPORTED, r.readStatusCode(), request.toString());
            }
            engine.request(engine.newRequest(PacketType.CLOSE).putString(from)).retrieve(10, TimeUnit.SECONDS);
            engine.request(engine.newRequest(PacketType.CLOSE).putString(to)).retrieve(10, TimeUnit.SECONDS);
        }
        // OpenSSH renames with posix-rename@openssh.com
        java.nio.file.Files.writeString(work.resolve("c.csv"), "sourcedId\n");
        Sftp.Result renamed = Sftp.openssh(app.sftpPort(), f.sftpUser(), f.sftpPassword(), work, "put c.csv classes.csv.part",
                "rename classes.csv.part classes.csv");
        assertEquals(0, renamed.exitCode(), renamed.output());
        assertTrue(app.context().getBean(Inbox.class).delivery(f.sourceId()).stream().anyMatch(d -> d.name().equals("classes.csv")));
        // users.csv was opened for writing and closed: an empty upload, with nothing copied into it
        assertEquals(List.of(0L), app.context().getBean(Inbox.class).delivery(f.sourceId()).stream()
                .filter(d -> d.name().equals("users.csv")).map(DeliveryFile::size).toList());
    }

    private static byte[] handle(SFTPEngine engine, String path, int flags) throws IOException {
        Response r = engine.request(engine.newRequest(PacketType.OPEN).putString(path).putUInt32(flags).putUInt32(0))
                .retrieve(10, TimeUnit.SECONDS);
        assertEquals(PacketType.HANDLE, r.getType(), path);
        try {
            return r.readStringAsBytes();
        } catch (net.schmizz.sshj.common.Buffer.BufferException e) {
            throw new IOException(e);
        }
    }
}
