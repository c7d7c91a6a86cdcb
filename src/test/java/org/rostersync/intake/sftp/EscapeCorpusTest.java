package org.rostersync.intake.sftp;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.RemoteResourceInfo;
import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.intake.inbox.Inbox;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;
import org.rostersync.support.Sftp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A vendor cannot see, read, list, write or learn the existence of anything outside its inbox: 200 paths (absolute,
 * {@code ..}, encoded and look-alike tricks, at every depth up to the data directory), plus links planted on disk. Stat,
 * readlink, open, opendir and open for writing are tried on each; realpath answers each inside the root, never with a
 * link's target.
 */
@ExtendWith(RunningApp.class)
class EscapeCorpusTest {

    private static final List<String> PREFIXES = List.of("", "/", "//", "./", "../", "../../", "../../../../../../../", "/../",
            "/../../", "a/../../", "./../", "..//", "..\\", "..%2f", "%2e%2e/", "%2e%2e%2f", "..%5c", ".%2e/",
            "\u2024\u2024/", "\uff0e\uff0e/", "....//", "..;/", "/./../", ".../", "..%c0%af");

    @Test
    void noPathReachesOutsideTheInboxOrTellsWhatExistsThere(RunningApp.App app) throws Exception {
        Fixture mine = Fixture.create(app, "Escaping district");
        Fixture other = Fixture.create(app, "Victim district");
        String canary = "canary-" + UUID.randomUUID();
        other.deliver("users.csv", canary + "\n");
        Files.writeString(app.dataDir().resolve("canary.txt"), canary);
        // the service's own files beside the inboxes: the tests' applications keep their database elsewhere, so its
        // cluster's marker is planted where the service's embedded cluster keeps it
        Path cluster = Files.createDirectories(app.dataDir().resolve("postgres-15"));
        if (!Files.exists(cluster.resolve("PG_VERSION"))) {
            Files.writeString(cluster.resolve("PG_VERSION"), "15\n");
        }
        mine.deliver("orgs.csv", "sourcedId\nmine\n");
        Path myInbox = app.context().getBean(Inbox.class).folder(mine.sourceId());
        Files.createSymbolicLink(myInbox.resolve("link.csv"), app.dataDir().resolve("canary.txt"));
        Files.createSymbolicLink(myInbox.resolve("users.csv"), Path.of("..", other.sourceId().toString(), "users.csv"));
        Files.createSymbolicLink(myInbox.resolve("etc"), Path.of("/etc"));

        List<String> targets = List.of("etc/passwd", other.sourceId() + "/users.csv", other.sourceId().toString(),
                "inbox/" + other.sourceId() + "/users.csv", "canary.txt", "sftp/host_key_ed25519", "postgres-15/PG_VERSION",
                ".uploading");
        List<String> corpus = new ArrayList<>();
        for (String prefix : PREFIXES) {
            for (String target : targets) {
                corpus.add(prefix + target);
            }
        }
        corpus.addAll(List.of("link.csv", "users.csv", "etc", "etc/passwd", "/etc/passwd", "etc/"));
        assertTrue(corpus.size() >= 200, corpus.size() + " paths");

        Set<String> outside = Set.of("passwd", "PG_VERSION", "host_key_ed25519", "canary.txt", other.sourceId().toString(),
                mine.sourceId().toString(), "inbox", "runs", "postgres-15", "sftp", ".uploading");
        List<String> escapes = new ArrayList<>();
        List<String> oracles = new ArrayList<>();
        try (SSHClient ssh = Sftp.sshj(app, mine.sftpUser(), mine.sftpPassword()); SFTPClient sftp = ssh.newSFTPClient()) {
            // the vendor's own listing works, and shows its files, not the links planted beside them
            assertEquals(List.of("orgs.csv"), sftp.ls("/").stream().map(RemoteResourceInfo::getName)
                    .filter(n -> !n.equals(".") && !n.equals("..")).sorted().toList());
            for (String path : corpus) {
                String twin = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) + "missing-" + UUID.randomUUID()
                        : "missing-" + UUID.randomUUID();
                Response.StatusCode stat = status(() -> sftp.stat(path));
                Response.StatusCode statTwin = status(() -> sftp.stat(twin));
                if (stat == null) {
                    // it exists: only the vendor's own root may, and nothing of the planted links
                    if (!sftp.stat(path).getType().toString().equals("DIRECTORY")) {
                        escapes.add("stat " + path);
                    }
                } else if (stat != statTwin) {
                    oracles.add(path + ": " + stat + " but its missing twin " + statTwin);
                }
                // readlink: no link is there for the vendor, planted or not, and its target is nobody's business
                String readlink = failure(() -> sftp.readlink(path));
                String readlinkTwin = failure(() -> sftp.readlink(twin));
                if (readlink == null) {
                    escapes.add("readlink " + path + " → " + sftp.readlink(path));
                } else if (!readlink.equals(readlinkTwin)) {
                    oracles.add("readlink " + path + ": " + readlink + " but its missing twin " + readlinkTwin);
                }
                // realpath: a name inside the root, normalized, never a link's target
                String real = sftp.canonicalize(path);
                if (!real.equals(normalized(path))) {
                    escapes.add("realpath " + path + " → " + real);
                }
                String read = read(sftp, path);
                if (read != null && read.contains(canary)) {
                    escapes.add("read " + path);
                }
                try {
                    for (RemoteResourceInfo entry : sftp.ls(path)) {
                        if (outside.contains(entry.getName())) {
                            escapes.add("ls " + path + ": " + entry.getName());
                        }
                    }
                } catch (SFTPException expected) {
                    // not a folder of the inbox
                }
                try (RemoteFile ignored = sftp.open(path, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC))) {
                    // an allowed name at the root: the upload replaces what is there (a planted link too), never its target
                    if (UploadTracker.rootName(Path.of("/").resolve(path)) == null) {
                        escapes.add("write " + path);
                    }
                } catch (SFTPException expected) {
                    // refused
                }
            }
        }
        assertEquals(List.of(), escapes);
        assertEquals(List.of(), oracles);
        assertEquals(canary + "\n", Files.readString(app.context().getBean(Inbox.class).folder(other.sourceId()).resolve("users.csv")));
        assertEquals(canary, Files.readString(app.dataDir().resolve("canary.txt")));
        try (Stream<Path> files = Files.list(myInbox)) {
            assertEquals(Set.of("orgs.csv", "link.csv", "users.csv", "etc"),
                    Set.copyOf(files.map(p -> p.getFileName().toString()).toList()), "nothing was created");
        }
    }

    private interface Call {
        void run() throws IOException;
    }

    /** The status an SFTP call failed with, or null when it succeeded. */
    private static Response.StatusCode status(Call call) throws IOException {
        try {
            call.run();
            return null;
        } catch (SFTPException e) {
            return e.getStatusCode();
        }
    }

    /** The status code and message an SFTP call failed with, or null when it succeeded. */
    private static String failure(Call call) throws IOException {
        try {
            call.run();
            return null;
        } catch (SFTPException e) {
            return e.getStatusCode() + " " + e.getMessage();
        }
    }

    /** The path as the vendor's root resolves it, lexically (a backslash or a look-alike is part of a name on Linux). */
    private static String normalized(String path) {
        java.util.Deque<String> names = new java.util.ArrayDeque<>();
        for (String name : path.split("/")) {
            if (name.equals("..")) {
                names.pollLast();
            } else if (!name.isEmpty() && !name.equals(".")) {
                names.addLast(name);
            }
        }
        return "/" + String.join("/", names);
    }

    private static String read(SFTPClient sftp, String path) throws IOException {
        try (RemoteFile file = sftp.open(path, EnumSet.of(OpenMode.READ))) {
            byte[] buffer = new byte[4096];
            int n = file.read(0, buffer, 0, buffer.length);
            return n <= 0 ? "" : new String(buffer, 0, n, StandardCharsets.UTF_8);
        } catch (SFTPException e) {
            return null;
        }
    }
}
