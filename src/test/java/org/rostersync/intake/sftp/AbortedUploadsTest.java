package org.rostersync.intake.sftp;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rostersync.intake.inbox.DeliveryFile;
import org.rostersync.intake.inbox.Inbox;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;
import org.rostersync.support.Sftp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Uploads are all or nothing at scale: a hundred cut off at random offsets in every way a connection ends (the client
 * says goodbye, the socket closes, the network resets, OpenSSH's sftp is killed) leave the previous complete file and no
 * partial one; an upload in progress when the server stops never reaches the delivery, and what a stopped server left
 * in {@code .uploading} is removed at the next start; a thousand complete uploads arrive with their SHA-256.
 */
@ExtendWith(RunningApp.class)
class AbortedUploadsTest {

    private static final int SSHJ_WORKERS = 3;
    private static final int SSHJ_ABORTS_EACH = 30;
    private static final int OPENSSH_KILLS = 10;
    private static final int CHUNK = 32 * 1024;
    private static final EnumSet<OpenMode> REPLACE = EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC);

    /** How a connection ends with a file open. */
    enum Cut {
        /** SSH_MSG_DISCONNECT, then the socket closes. */
        GOODBYE,
        /** The socket closes (FIN) with no goodbye. */
        CLOSE,
        /** The network resets (RST: SO_LINGER 0). */
        RESET,
        /** Sixteen writes still unanswered, then a reset. */
        RESET_IN_FLIGHT
    }

    @Test
    void aHundredUploadsCutOffAtRandomLeaveThePreviousCompleteFileAndNoPartialOne(RunningApp.App app, @TempDir Path work)
            throws Exception {
        long seed = Long.getLong("aborts.seed", new Random().nextLong());
        String replay = "seed " + seed + " (-DargLine=-Daborts.seed=" + seed + " repeats it)";
        List<Fixture> sources = new ArrayList<>();
        Map<Fixture, byte[]> previous = new java.util.LinkedHashMap<>();
        List<String> story = Collections.synchronizedList(new ArrayList<>());
        ExecutorService workers = Executors.newFixedThreadPool(SSHJ_WORKERS + 1);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < SSHJ_WORKERS; w++) {
                Fixture f = Fixture.create(app, "Cut off district " + w);
                byte[] complete = ("sourcedId,classSourcedId,userSourcedId,role\ne1,c1,u" + w + ",student\n").getBytes(StandardCharsets.UTF_8);
                try (SSHClient ssh = Sftp.sshj(app, f.sftpUser(), f.sftpPassword()); SFTPClient sftp = ssh.newSFTPClient()) {
                    upload(sftp, "enrollments.csv", complete);
                }
                sources.add(f);
                previous.put(f, complete);
                Random random = new Random(seed + w);
                int worker = w;
                running.add(workers.submit(() -> {
                    for (int i = 0; i < SSHJ_ABORTS_EACH; i++) {
                        byte[] bytes = new byte[1 + random.nextInt(300_000)];
                        random.nextBytes(bytes);
                        int cut = random.nextInt(bytes.length + 1); // all of it, and still cut off before the close
                        Cut how = Cut.values()[random.nextInt(Cut.values().length)];
                        story.add("sshj " + worker + "." + i + ": " + cut + " of " + bytes.length + " bytes, " + how);
                        cutOff(app, f, "enrollments.csv", bytes, cut, how);
                    }
                    return null;
                }));
            }
            Fixture killed = Fixture.create(app, "Killed client district");
            byte[] complete = "sourcedId,status\nkept,active\n".getBytes(StandardCharsets.UTF_8);
            Files.write(work.resolve("users.csv"), complete);
            Sftp.Result put = Sftp.openssh(app.sftpPort(), killed.sftpUser(), killed.sftpPassword(), work, "put users.csv");
            assertEquals(0, put.exitCode(), put.output());
            sources.add(killed);
            previous.put(killed, complete);
            Random random = new Random(seed - 1);
            running.add(workers.submit(() -> {
                for (int i = 0; i < OPENSSH_KILLS; i++) {
                    byte[] big = new byte[2 << 20];
                    random.nextBytes(big);
                    Path file = Files.write(work.resolve("big-" + i + ".csv"), big);
                    long at = 1 + random.nextInt(1 << 20);
                    story.add("OpenSSH " + i + ": killed at " + at + " of " + big.length + " bytes");
                    // 16000 kbit/s: a second for 2 MiB, so the kill lands mid-transfer
                    Process client = Sftp.startOpenssh(app.sftpPort(), killed.sftpUser(), killed.sftpPassword(), work,
                            List.of("-l", "16000"), "put " + file.getFileName() + " users.csv");
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (partialBytes(app, killed) < at && client.isAlive() && System.nanoTime() < deadline) {
                        Thread.sleep(5);
                    }
                    assertTrue(client.isAlive(), replay + ": the upload was still going when killed, " + story.get(story.size() - 1));
                    client.destroyForcibly().waitFor(); // SIGKILL
                }
                return null;
            }));
            for (Future<?> worker : running) {
                worker.get(120, TimeUnit.SECONDS);
            }
        } finally {
            workers.shutdownNow();
        }
        assertEquals(SSHJ_WORKERS * SSHJ_ABORTS_EACH + OPENSSH_KILLS, story.size(), replay);

        Inbox inbox = app.context().getBean(Inbox.class);
        for (Fixture f : sources) {
            awaitNoPartial(app, f, replay);
            byte[] complete = previous.get(f);
            List<DeliveryFile> delivery = inbox.delivery(f.sourceId());
            assertEquals(1, delivery.size(), replay + ": " + delivery);
            assertEquals(complete.length, delivery.get(0).size(), replay);
            assertEquals(sha256(complete), delivery.get(0).sha256(), replay + ": the previous complete file's SHA-256");
            assertArrayEquals(complete, Files.readAllBytes(inbox.folder(f.sourceId()).resolve(delivery.get(0).name())), replay);
            try (Stream<Path> files = Files.list(inbox.folder(f.sourceId()))) {
                assertEquals(List.of(delivery.get(0).name()), files.map(p -> p.getFileName().toString()).toList(), replay);
            }
        }
    }

    @Test
    void anUploadInProgressWhenTheServerStopsNeverReachesTheDeliveryAndWhatItLeftIsRemovedAtTheNextStart() throws Exception {
        Path data = Path.of("target", "test-data", "restart-" + UUID.randomUUID());
        // abandoned: untouched for twice the idle timeout
        Map<String, Object> settings = Map.of("rostersync.sftp.idle-timeout-seconds", 2);
        byte[] complete = "sourcedId,status\nkept,active\n".getBytes(StandardCharsets.UTF_8);
        Fixture f;
        Path crashed;
        AtomicLong sent = new AtomicLong();
        RunningApp.App app = RunningApp.startWith(settings, data);
        try {
            f = Fixture.create(app, "Restarted district");
            SSHClient ssh = Sftp.sshj(app, f.sftpUser(), f.sftpPassword());
            SFTPClient sftp = ssh.newSFTPClient();
            upload(sftp, "users.csv", complete);
            RemoteFile slow = sftp.open("users.csv", REPLACE);
            AtomicBoolean stopped = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                byte[] chunk = new byte[8192];
                new Random(3).nextBytes(chunk);
                try {
                    while (!stopped.get()) {
                        slow.write(sent.get(), chunk, 0, chunk.length);
                        sent.addAndGet(chunk.length);
                        Thread.sleep(20);
                    }
                } catch (Exception serverStopped) {
                    // expected: the server went away mid-upload
                }
            }, "slow-upload");
            writer.start();
            while (sent.get() < 200_000) {
                Thread.sleep(10);
            }
            // what a process killed at this moment would leave behind: the partial file, untouched since
            Path partial = onlyPartial(app, f);
            crashed = partial.resolveSibling(f.sourceId() + "." + UUID.randomUUID() + ".part");
            Files.copy(partial, crashed);
            Files.setLastModifiedTime(crashed, FileTime.from(Instant.now().minusSeconds(3600)));
            assertEquals(List.of("users.csv"), app.context().getBean(Inbox.class).delivery(f.sourceId()).stream()
                    .map(DeliveryFile::name).toList());
            app.close(); // with the upload still writing
            stopped.set(true);
            writer.join(10_000);
            ssh.close();
        } catch (Throwable e) {
            app.close();
            throw e;
        }
        assertTrue(sent.get() >= 200_000, sent + " bytes sent before the stop");
        assertTrue(Files.exists(crashed), "the crashed process's partial file waits for the next start");

        try (RunningApp.App again = RunningApp.startWith(settings, data)) {
            Inbox inbox = again.context().getBean(Inbox.class);
            try (Stream<Path> left = Files.list(data.resolve("inbox").resolve(".uploading"))) {
                assertEquals(List.of(), left.toList(), "the start removed what the stopped server left");
            }
            List<DeliveryFile> delivery = inbox.delivery(f.sourceId());
            assertEquals(List.of("users.csv"), delivery.stream().map(DeliveryFile::name).toList());
            assertEquals(sha256(complete), delivery.get(0).sha256(), "the complete file from before the stop");
            assertArrayEquals(complete, Files.readAllBytes(inbox.folder(f.sourceId()).resolve("users.csv")));

            // and the vendor simply uploads again
            byte[] retried = "sourcedId,status\nkept,active\nnew,active\n".getBytes(StandardCharsets.UTF_8);
            try (SSHClient ssh = Sftp.sshj(again, f.sftpUser(), f.sftpPassword()); SFTPClient sftp = ssh.newSFTPClient()) {
                upload(sftp, "users.csv", retried);
            }
            assertEquals(sha256(retried), inbox.delivery(f.sourceId()).get(0).sha256());
        }
    }

    @Test
    void aThousandCompleteUploadsArriveEachWithItsSha256(RunningApp.App app) throws Exception {
        long seed = Long.getLong("uploads.seed", new Random().nextLong());
        String replay = "seed " + seed + " (-DargLine=-Duploads.seed=" + seed + " repeats it)";
        int sessions = 4;
        int each = 250;
        List<Fixture> sources = new ArrayList<>();
        List<Map<String, String>> expected = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        AtomicLong bytes = new AtomicLong();
        long started = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                Fixture f = Fixture.create(app, "Integrity district " + s);
                Map<String, String> sent = new TreeMap<>();
                sources.add(f);
                expected.add(sent);
                Random random = new Random(seed + s);
                running.add(pool.submit(() -> {
                    try (SSHClient ssh = Sftp.sshj(app, f.sftpUser(), f.sftpPassword()); SFTPClient sftp = ssh.newSFTPClient()) {
                        for (int i = 0; i < each; i++) {
                            int roll = random.nextInt(100);
                            int size = roll == 0 ? (1 << 20) + random.nextInt(3 << 20) // a few of 1-4 MiB
                                    : roll < 5 ? 0
                                    : roll < 10 ? CHUNK * (1 + random.nextInt(8)) + random.nextInt(3) - 1 // at a chunk's edge
                                    : random.nextInt(256 * 1024 + 1);
                            byte[] content = new byte[size];
                            random.nextBytes(content);
                            // mostly new names, some replacing a file this session already sent
                            String name = random.nextInt(10) == 0 ? "users.csv" : String.format("d%04d.zip", i);
                            upload(sftp, name, content);
                            sent.put(name, sha256(content));
                            bytes.addAndGet(size);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> session : running) {
                session.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        Inbox inbox = app.context().getBean(Inbox.class);
        for (int s = 0; s < sessions; s++) {
            Fixture f = sources.get(s);
            Map<String, String> recorded = inbox.delivery(f.sourceId()).stream()
                    .collect(Collectors.toMap(DeliveryFile::name, DeliveryFile::sha256, (a, b) -> a, TreeMap::new));
            List<String> wrong = new ArrayList<>();
            java.util.Set<String> names = new java.util.TreeSet<>(expected.get(s).keySet());
            names.addAll(recorded.keySet());
            for (String name : names) {
                String sent = expected.get(s).get(name);
                if (!java.util.Objects.equals(sent, recorded.get(name))) {
                    wrong.add(name + ": sent " + sent + ", recorded " + recorded.get(name));
                } else if (!sent.equals(sha256(Files.readAllBytes(inbox.folder(f.sourceId()).resolve(name))))) {
                    wrong.add(name + ": sent " + sent + ", on disk other bytes");
                }
            }
            assertEquals(List.of(), wrong, replay + ": session " + s + " of " + expected.get(s).size() + " files");
            awaitNoPartial(app, f, replay);
        }
        System.out.printf("%d uploads, %d MB in %d ms%n", sessions * each, bytes.get() >> 20, millis);
    }

    /** Opens the file for replacing, writes the first {@code cut} bytes, and ends the connection as {@code how} says. */
    private static void cutOff(RunningApp.App app, Fixture f, String name, byte[] bytes, int cut, Cut how) throws IOException {
        SSHClient ssh = Sftp.sshj(app, f.sftpUser(), f.sftpPassword());
        try {
            SFTPClient sftp = ssh.newSFTPClient();
            RemoteFile file = sftp.open(name, REPLACE);
            if (how == Cut.RESET_IN_FLIGHT) {
                OutputStream out = file.new RemoteFileOutputStream(0, 16);
                for (int at = 0; at < cut; at += CHUNK) {
                    out.write(bytes, at, Math.min(CHUNK, cut - at));
                }
            } else {
                for (int at = 0; at < cut; at += CHUNK) {
                    file.write(at, bytes, at, Math.min(CHUNK, cut - at));
                }
            }
            Socket socket = ssh.getSocket();
            switch (how) {
                case GOODBYE -> ssh.getTransport().disconnect();
                case CLOSE -> socket.close();
                case RESET, RESET_IN_FLIGHT -> {
                    socket.setSoLinger(true, 0);
                    socket.close();
                }
            }
        } finally {
            try {
                ssh.close();
            } catch (IOException alreadyGone) {
                // the point of the exercise
            }
        }
    }

    private static void upload(SFTPClient sftp, String name, byte[] bytes) throws IOException {
        try (RemoteFile file = sftp.open(name, REPLACE)) {
            try (OutputStream out = file.new RemoteFileOutputStream(0, 16)) {
                for (int at = 0; at < bytes.length; at += CHUNK) {
                    out.write(bytes, at, Math.min(CHUNK, bytes.length - at));
                }
            }
        }
    }

    /** The source's uploads in progress (or left behind): its files in {@code .uploading}. */
    private static List<Path> partials(RunningApp.App app, Fixture f) throws IOException {
        Path uploading = app.dataDir().resolve("inbox").resolve(".uploading");
        if (!Files.isDirectory(uploading)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(uploading)) {
            return files.filter(p -> p.getFileName().toString().startsWith(f.sourceId() + ".")).toList();
        }
    }

    private static long partialBytes(RunningApp.App app, Fixture f) throws IOException {
        long total = 0;
        for (Path p : partials(app, f)) {
            try {
                total += Files.size(p);
            } catch (java.nio.file.NoSuchFileException gone) {
                // promoted or removed meanwhile
            }
        }
        return total;
    }

    private static Path onlyPartial(RunningApp.App app, Fixture f) throws IOException {
        List<Path> partials = partials(app, f);
        assertEquals(1, partials.size(), partials.toString());
        return partials.get(0);
    }

    /** The server learns of a dropped connection a moment later: wait until the source has no partial file, or fail. */
    private static void awaitNoPartial(RunningApp.App app, Fixture f, String replay) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!partials(app, f).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of(), partials(app, f), replay + ": partial files left behind");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
