package org.rostersync.storage;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.rostersync.config.StartupRefusal;
import org.rostersync.config.StorageConfig;
import org.rostersync.database.InstanceLiveness;
import org.rostersync.intake.inbox.DeliveryFile;
import org.rostersync.intake.inbox.Inbox;
import org.rostersync.intake.inbox.RunArchives;
import org.rostersync.support.Failures;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;
import org.rostersync.support.S3Server;
import org.rostersync.support.Sftp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two rostersync instances that share the database and an S3-compatible bucket (a real s3proxy) but no directory, as
 * on two machines: one receives a delivery over SFTP, the other runs it, and each shows the vendor the same inbox.
 */
class SeveralMachinesTest {

    private static final String PREFIX = "hub-" + UUID.randomUUID().toString().substring(0, 8) + "/";
    private static final S3Server S3 = S3Server.start();
    /**
     * Receives the uploads; its one worker looks at the run queue only every ten minutes, so that B executes the runs B
     * queues (one worker: the stop's wake-up reaches it at once).
     */
    private static final RunningApp.App A;
    private static final RunningApp.App B;

    static {
        // as the administrator guide says: machines that share no directory are given the keys they must share
        Map<String, Object> keys = Map.of("rostersync.remote.secret-key", randomKey(), "rostersync.oauth.token-key", randomKey());
        Map<String, Object> first = new HashMap<>(S3.settings(PREFIX));
        first.putAll(keys);
        first.put("rostersync.runs.poll-millis", 600_000);
        first.put("rostersync.runs.workers", 1);
        A = RunningApp.startWith(first, dataDir("a"));
        HikariDataSource pool = (HikariDataSource) A.context().getBean(DataSource.class);
        Map<String, Object> second = new HashMap<>(S3.settings(PREFIX));
        second.putAll(keys);
        second.putAll(Map.of("rostersync.db.url", pool.getJdbcUrl(), "rostersync.db.user", "postgres",
                "rostersync.db.password", pool.getPassword()));
        B = RunningApp.startWith(second, dataDir("b"));
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    private static Path dataDir(String name) {
        return Path.of("target", "test-data", "several-machines-" + name + "-" + UUID.randomUUID());
    }

    @AfterAll
    static void close() {
        B.close();
        A.close();
        S3.close();
    }

    @Test
    void aDeliveryOneInstanceReceivesOverSftpIsRunByAnotherThatSharesNoDirectory() throws Exception {
        Sftp.requireTool("sftp", "openssh-client");
        Fixture f = Fixture.create(A, "Two machines");
        Path work = sample();
        Sftp.Result put = Sftp.openssh(A.sftpPort(), f.sftpUser(), f.sftpPassword(), work, "put *.csv");
        assertEquals(0, put.exitCode(), put.output());
        assertFalse(Files.exists(inbox(B, f).resolve("users.csv")), "B's disk never saw the upload");
        assertTrue(S3.keys(PREFIX + "files/").contains(PREFIX + "files/" + sha256(work.resolve("users.csv"))),
                S3.keys(PREFIX).toString());

        RunningApp.Response asked = B.adminPost("/api/sources/" + f.sourceId() + "/runs", null);
        assertEquals(202, asked.status(), asked.toString());
        String runId = (String) asked.map().get("id");
        Map<String, Object> run = f.awaitEnd(runId);
        assertEquals("succeeded", run.get("status"), run.toString());
        assertEquals(B.context().getBean(InstanceLiveness.class).key(), executor(UUID.fromString(runId)), "B executed the run");
        assertTrue(S3.keys(PREFIX + "runs/").contains(PREFIX + "runs/" + runId + "/archive"));
        assertFalse(Files.exists(B.dataDir().resolve("runs").resolve(runId)), "of a run that ended, B keeps nothing");
        assertFalse(Files.exists(A.dataDir().resolve("runs").resolve(runId)), "A never had the run");

        RunningApp.Response users = B.get("/ims/oneroster/v1p1/users?limit=1000", f.clientId(), f.clientSecret());
        assertEquals(200, users.status(), users.toString());
        assertEquals(50, ((List<?>) users.map().get("users")).size(), "the roster B wrote is the delivery A received");

        // the run's archive downloads on A, fetched from the bucket
        assertEquals(8, A.adminGet("/api/runs/" + runId + "/files").list().size());
        RunningApp.Response downloaded = A.adminGet("/api/runs/" + runId + "/files/users.csv");
        assertEquals(200, downloaded.status());
        assertEquals(Files.readString(work.resolve("users.csv")), downloaded.body());

        // the vendor sees the same inbox on B, and a file deleted there is gone on A too
        Sftp.Result listed = Sftp.openssh(B.sftpPort(), f.sftpUser(), f.sftpPassword(), work, "ls -1");
        assertEquals(0, listed.exitCode(), listed.output());
        for (String name : List.of("manifest.csv", "users.csv", "enrollments.csv", "demographics.csv")) {
            assertTrue(listed.output().contains(name), listed.output());
        }
        assertEquals(Files.readString(work.resolve("users.csv")), Files.readString(inbox(B, f).resolve("users.csv")));
        Sftp.Result removed = Sftp.openssh(B.sftpPort(), f.sftpUser(), f.sftpPassword(), work, "rm demographics.csv");
        assertEquals(0, removed.exitCode(), removed.output());
        assertTrue(Files.exists(inbox(A, f).resolve("demographics.csv")), "until the vendor looks at A");
        Sftp.Result onA = Sftp.openssh(A.sftpPort(), f.sftpUser(), f.sftpPassword(), work, "ls -1");
        assertEquals(0, onA.exitCode(), onA.output());
        assertFalse(onA.output().contains("demographics.csv"), onA.output());
        assertTrue(onA.output().contains("users.csv"), onA.output());
        assertFalse(Files.exists(inbox(A, f).resolve("demographics.csv")));
    }

    @Test
    void anUploadWhileTheStorageIsAwayIsRefusedAndThePreviousDeliveryStaysAsItWas() throws Exception {
        Sftp.requireTool("sftp", "openssh-client");
        Fixture f = Fixture.create(A, "Storage away");
        Path work = sample();
        assertEquals(0, Sftp.openssh(A.sftpPort(), f.sftpUser(), f.sftpPassword(), work, "put users.csv").exitCode());
        Inbox inbox = A.context().getBean(Inbox.class);
        List<DeliveryFile> before = inbox.delivery(f.sourceId());
        String previous = Files.readString(inbox(A, f).resolve("users.csv"));
        Files.writeString(work.resolve("users.csv"), "stu-999,,,true,org-sch-lincoln,student,x,,X,Y,,,,,,,,\n",
                StandardOpenOption.APPEND);

        S3.pause();
        Sftp.Result refused;
        Sftp.Result renameRefused;
        RunningApp.Response readiness;
        try {
            refused = Sftp.openssh(A.sftpPort(), f.sftpUser(), f.sftpPassword(), work, "put users.csv");
            renameRefused = Sftp.openssh(A.sftpPort(), f.sftpUser(), f.sftpPassword(), work, "put users.csv users.csv.part",
                    "rename users.csv.part users.csv");
            readiness = A.get("/health/readiness", null, null);
        } finally {
            S3.resume();
        }
        assertNotEquals(0, refused.exitCode(), refused.output());
        assertNotEquals(0, renameRefused.exitCode(), renameRefused.output());
        assertEquals(before, inbox.delivery(f.sourceId()), "the rename did not change the delivery either");
        // the renamed file shows in A's folder until the vendor's next login, which brings back the delivery's
        assertEquals(0, Sftp.openssh(A.sftpPort(), f.sftpUser(), f.sftpPassword(), work, "ls").exitCode());
        // the OneRoster API does not need the bucket: the instance stays in its balancer, saying the storage is away
        assertEquals(200, readiness.status(), readiness.toString());
        assertTrue(readiness.body().contains("\"objectStorage\":\"DOWN\""), readiness.toString());
        assertEquals(before, inbox.delivery(f.sourceId()), "the delivery's record is the previous upload's");
        assertEquals(previous, Files.readString(inbox(A, f).resolve("users.csv")), "the previous file is in place");
        try (Stream<Path> left = Files.list(A.dataDir().resolve("inbox").resolve(".uploading"))) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(f.sourceId().toString())).toList());
        }
        assertTrue(A.get("/health/readiness", null, null).body().contains("\"objectStorage\":\"UP\""));

        // with the storage back, the same upload is stored
        Sftp.Result stored = Sftp.openssh(A.sftpPort(), f.sftpUser(), f.sftpPassword(), work, "put users.csv");
        assertEquals(0, stored.exitCode(), stored.output());
        assertEquals(sha256(work.resolve("users.csv")), inbox.delivery(f.sourceId()).get(0).sha256());
    }

    @Test
    void expiryKeepsTheContentsARunOrADeliveryHoldsAndRemovesTheRest() throws Exception {
        Fixture f = Fixture.create(A, "Expiry").withoutSafeguards();
        f.deliver(Fixture.SAMPLE);
        String first = (String) f.run().get("id");
        String users1 = sha256(Fixture.SAMPLE.resolve("users.csv"));
        String users2 = deliverUsers(f, "\n");
        String second = (String) f.run().get("id");
        String users3 = deliverUsers(f, "\n\n"); // the delivery now, which no run read
        RunArchives archives = B.context().getBean(RunArchives.class);
        ObjectStore objects = B.context().getBean(ObjectStore.class);
        String orphan = sha256(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        objects.put("files/" + orphan, "stored, never recorded: an upload that failed after it was stored".getBytes(StandardCharsets.UTF_8));

        archives.removeUnusedFrozenFiles(Instant.now().minusSeconds(3600));
        assertTrue(objects.exists("files/" + orphan), "nothing stored within the hour is taken");

        archives.removeArchive(UUID.fromString(first));
        assertFalse(objects.exists("runs/" + first + "/archive"));
        archives.removeUnusedFrozenFiles(Instant.now().plusSeconds(1));
        assertFalse(objects.exists("files/" + orphan), "a content nothing holds is removed");
        assertFalse(objects.exists("files/" + users1), "users.csv as only the removed archive held it is removed");
        assertTrue(objects.exists("files/" + users2), "held by the second run's archive");
        assertTrue(objects.exists("files/" + users3), "held by the delivery");
        assertTrue(objects.exists("files/" + sha256(Fixture.SAMPLE.resolve("orgs.csv"))), "held by both");
        RunningApp.Response kept = A.adminGet("/api/runs/" + second + "/files/users.csv");
        assertEquals(200, kept.status());
        assertEquals(sha256(kept.body().getBytes(StandardCharsets.UTF_8)), users2);
        assertTrue(String.valueOf(f.run().get("status")).startsWith("succeeded"), "the delivery still runs");
    }

    @Test
    void anUploadInProgressOnOneInstanceHoldsTheOthersRunOnArrivalUntilItEnds() throws Exception {
        Sftp.requireTool("sftp", "openssh-client");
        Fixture f = Fixture.create(A, "Upload in progress");
        Path work = sample();
        byte[] big = new byte[2 << 20];
        new java.util.Random(7).nextBytes(big);
        Files.write(work.resolve("big.zip"), big);
        Inbox onB = B.context().getBean(Inbox.class);
        assertEquals(java.util.Optional.empty(), onB.lastUploadActivity(f.sourceId()));
        // 200 kbit/s: the upload takes over a minute, and is cut once B has seen it
        Process upload = Sftp.startOpenssh(A.sftpPort(), f.sftpUser(), f.sftpPassword(), work, List.of("-l", "200"),
                "put big.zip delivery.zip");
        try {
            awaitUntil(() -> onB.lastUploadActivity(f.sourceId()).isPresent(), "B sees A's upload in progress");
            assertFalse(Files.exists(inbox(B, f).getParent().resolve(".uploading")) && hasPart(B, f), "not through B's disk");
        } finally {
            upload.destroyForcibly().waitFor();
        }
        awaitUntil(() -> onB.lastUploadActivity(f.sourceId()).isEmpty(), "the cut upload no longer holds runs");
        assertEquals(List.of(), onB.delivery(f.sourceId()));
    }

    @Test
    void aFileLargerThanOnePartIsStoredInPartsAndReadBackWhole() throws Exception {
        ObjectStore objects = A.context().getBean(ObjectStore.class);
        byte[] bytes = new byte[(int) (2 * ObjectStore.PART_BYTES + 12345)];
        new java.util.Random(11).nextBytes(bytes);
        Path file = Files.write(Files.createTempFile(Path.of("target"), "large", ".bin"), bytes);
        try {
            objects.put("files/large-" + UUID.randomUUID(), file);
            String key = S3.keys(PREFIX + "files/large-").iterator().next().substring(PREFIX.length());
            try (java.io.InputStream in = objects.open(key).orElseThrow()) {
                assertEquals(sha256(bytes), sha256(in.readAllBytes()));
            }
            objects.delete(key);
            assertFalse(objects.exists(key));
        } finally {
            Files.delete(file);
        }
    }

    private static boolean hasPart(RunningApp.App app, Fixture f) throws IOException {
        try (Stream<Path> parts = Files.list(app.dataDir().resolve("inbox").resolve(".uploading"))) {
            return parts.anyMatch(p -> p.getFileName().toString().startsWith(f.sourceId().toString()));
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitUntil(Condition condition, String what) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aStartWithAWrongBucketOrKeyIsRefusedNamingTheSetting() {
        Map<String, Object> wrongBucket = new HashMap<>(S3.settings(PREFIX));
        wrongBucket.put("rostersync.storage.bucket", "no-such-bucket");
        RuntimeException refused = assertThrows(RuntimeException.class, () -> RunningApp.startWith(wrongBucket).close());
        assertTrue(Failures.messages(refused).contains("ROSTERSYNC_STORAGE_S3_BUCKET"), Failures.messages(refused));

        StartupRefusal wrongKey = assertThrows(StartupRefusal.class, () -> new ObjectStore(new StorageConfig(S3.endpoint(),
                S3Server.BUCKET, "us-east-1", S3Server.ACCESS_KEY, "not-the-secret", null, true), new SimpleMeterRegistry()));
        assertTrue(wrongKey.getMessage().contains("ROSTERSYNC_STORAGE_S3_SECRET_ACCESS_KEY"), wrongKey.getMessage());

        StartupRefusal noBucket = assertThrows(StartupRefusal.class, () -> new StorageConfig(S3.endpoint(), " ", "us-east-1",
                S3Server.ACCESS_KEY, S3Server.SECRET_KEY, null, true));
        assertTrue(noBucket.getMessage().contains("ROSTERSYNC_STORAGE_S3_BUCKET"), noBucket.getMessage());
        StartupRefusal notUrl = assertThrows(StartupRefusal.class, () -> new StorageConfig("s3.example.org", "b", "us-east-1",
                S3Server.ACCESS_KEY, S3Server.SECRET_KEY, null, true));
        assertTrue(notUrl.getMessage().contains("ROSTERSYNC_STORAGE_S3_ENDPOINT"), notUrl.getMessage());
    }

    private static String deliverUsers(Fixture f, String more) throws IOException {
        byte[] bytes = (Files.readString(Fixture.SAMPLE.resolve("users.csv")) + more).getBytes(StandardCharsets.UTF_8);
        f.deliver("users.csv", bytes);
        return sha256(bytes);
    }

    /** The sample delivery, copied into a folder of the test's own (the sftp client's working folder). */
    private static Path sample() throws IOException {
        Path work = Files.createDirectories(Path.of("target", "test-data", "several-machines-work-" + UUID.randomUUID()));
        try (Stream<Path> files = Files.list(Fixture.SAMPLE)) {
            for (Path file : files.toList()) {
                Files.copy(file, work.resolve(file.getFileName()));
            }
        }
        return work;
    }

    private static Path inbox(RunningApp.App app, Fixture f) {
        return app.dataDir().resolve("inbox").resolve(f.sourceId().toString());
    }

    private static long executor(UUID runId) throws Exception {
        try (Connection c = A.context().getBean(DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT executor FROM run WHERE id = ?")) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getLong(1);
            }
        }
    }

    private static String sha256(Path file) throws IOException {
        return sha256(Files.readAllBytes(file));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
