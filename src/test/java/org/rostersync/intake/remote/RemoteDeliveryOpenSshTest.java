package org.rostersync.intake.remote;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rostersync.intake.inbox.DeliveryFile;
import org.rostersync.intake.inbox.Inbox;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A source pulls its delivery from OpenSSH's sshd on loopback, logging in with a private key: ed25519 in OpenSSH's
 * format encrypted with a passphrase, and RSA in the old PEM format.
 */
@ExtendWith(RunningApp.class)
class RemoteDeliveryOpenSshTest {

    @TempDir
    Path dir;

    private OpenSshServer sshd;

    @AfterEach
    void stop() throws InterruptedException {
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void anEncryptedEd25519KeyPullsTheDeliveryFromAFolderAndDeletesItThere(RunningApp.App app) throws Exception {
        Path key = SshKeys.generate(dir, "ed25519", 0, "district passphrase", false);
        sshd = OpenSshServer.start(Files.createDirectories(dir.resolve("sshd")), List.of(Path.of(key + ".pub")));
        Path outgoing = Files.createDirectories(dir.resolve("outgoing").resolve("roster"));
        copySample(outgoing);
        Files.writeString(outgoing.resolve("README.txt"), "not part of the delivery");
        Fixture b = Fixture.create(app, "OpenSSH ed25519");
        RemoteDeliveryTest.configure(b, "{\"enabled\":true,\"host\":\"127.0.0.1\",\"port\":" + sshd.port() + ",\"username\":\""
                + System.getProperty("user.name") + "\",\"privateKey\":" + SshKeys.json(key)
                + ",\"privateKeyPassphrase\":\"district passphrase\",\"folder\":\"" + outgoing.toAbsolutePath() + "\""
                + ",\"deleteAfterFetch\":true,\"retries\":0}");

        Map<String, Object> report = RemoteDeliveryTest.test(app, b);

        assertEquals(true, report.get("ok"), report + "\n" + sshd.log());
        assertEquals(sshd.hostKeyFingerprint(), report.get("hostKeyFingerprint"));
        assertEquals(true, report.get("hostKeyPinnedNow"));
        assertEquals(RemoteDeliveryTest.sampleDigests().keySet(), ((List<?>) report.get("files")).stream()
                .map(f -> (String) ((Map<?, ?>) f).get("name")).collect(Collectors.toCollection(java.util.TreeSet::new)));

        Map<String, Object> run = b.run();

        assertEquals("succeeded", run.get("status"), run + "\n" + sshd.log());
        assertEquals(RemoteDeliveryTest.sampleDigests(), delivered(app, b));
        assertFalse(((List<?>) b.oneRoster("/users").map().get("users")).isEmpty());
        try (Stream<Path> left = Files.list(outgoing)) {
            assertEquals(List.of("README.txt"), left.map(p -> p.getFileName().toString()).toList(), "fetched files deleted, others kept");
        }
    }

    @Test
    void aPemRsaKeyPullsTheDeliveryFromAFolderRelativeToTheHomeFolder(RunningApp.App app) throws Exception {
        Path key = SshKeys.generate(dir, "rsa", 3072, "", true);
        assertTrue(Files.readString(key).startsWith("-----BEGIN RSA PRIVATE KEY-----"), "PEM format");
        sshd = OpenSshServer.start(Files.createDirectories(dir.resolve("sshd")), List.of(Path.of(key + ".pub")));
        Fixture b = Fixture.create(app, "OpenSSH RSA");
        // the home folder of the user running the tests; a relative folder is under it
        Path home = Path.of(System.getProperty("user.home"));
        Path relative = Files.createTempDirectory(home, "rostersync-remote-test-");
        try {
            copySample(relative);
            // a link to a file elsewhere is fetched as the file it points at; a dangling one is no file to fetch
            Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
            Files.move(relative.resolve("orgs.csv"), elsewhere.resolve("orgs-2026.csv"));
            Files.createSymbolicLink(relative.resolve("orgs.csv"), elsewhere.resolve("orgs-2026.csv"));
            Files.createSymbolicLink(relative.resolve("lineItems.csv"), elsewhere.resolve("gone.csv"));
            RemoteDeliveryTest.configure(b, "{\"enabled\":true,\"host\":\"localhost\",\"port\":" + sshd.port() + ",\"username\":\""
                    + System.getProperty("user.name") + "\",\"privateKey\":" + SshKeys.json(key) + ",\"folder\":\""
                    + relative.getFileName() + "\",\"hostKeyFingerprint\":\"" + sshd.hostKeyFingerprint() + "\",\"retries\":0}");

            Map<String, Object> report = RemoteDeliveryTest.test(app, b);
            Map<String, Object> run = b.run();

            assertEquals(true, report.get("ok"), report + "\n" + sshd.log());
            assertEquals(false, report.get("hostKeyPinnedNow"), "pinned beforehand");
            assertTrue(RemoteDeliveryTest.message(report, "folder").endsWith(relative.toString()), report.toString());
            assertEquals("succeeded", run.get("status"), run.toString());
            assertEquals(RemoteDeliveryTest.sampleDigests(), delivered(app, b));
            try (Stream<Path> kept = Files.list(relative)) {
                assertEquals(RemoteDeliveryTest.sampleDigests().size() + 1, kept.count(), "not deleted unless asked");
            }
        } finally {
            try (Stream<Path> files = Files.walk(relative)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void aKeyTheServerDoesNotKnowFailsAtAuthenticationAndIsNotRetried(RunningApp.App app) throws Exception {
        Path known = SshKeys.generate(dir, "ed25519", 0, "", false);
        Path unknown = SshKeys.generate(dir, "ed25519", 0, "", false);
        sshd = OpenSshServer.start(Files.createDirectories(dir.resolve("sshd")), List.of(Path.of(known + ".pub")));
        Fixture b = Fixture.create(app, "OpenSSH unknown key");
        RemoteDeliveryTest.configure(b, "{\"enabled\":true,\"host\":\"127.0.0.1\",\"port\":" + sshd.port() + ",\"username\":\""
                + System.getProperty("user.name") + "\",\"privateKey\":" + SshKeys.json(unknown) + ",\"retries\":3}");

        Map<String, Object> report = RemoteDeliveryTest.test(app, b);
        long started = System.nanoTime();
        Map<String, Object> run = b.run();

        assertEquals("failed", RemoteDeliveryTest.status(report, "authentication"), report.toString());
        assertTrue(RemoteDeliveryTest.message(report, "authentication").contains(SshKeys.fingerprint(Path.of(unknown + ".pub"))),
                report.toString());
        assertEquals("failed", run.get("status"));
        assertTrue(((String) run.get("message")).contains("failed at authentication"), run.toString());
        assertFalse(((String) run.get("message")).contains("tried"), "not retried: " + run.get("message"));
        assertTrue(System.nanoTime() - started < 5_000_000_000L, "no waits between retries");
        assertEquals(List.of(), app.context().getBean(Inbox.class).delivery(b.sourceId()));
    }

    @Test
    void aFetchThatFailsHalfwayPromotesNothingAndLeavesThePreviousDeliveryAsItWas(RunningApp.App app) throws Exception {
        Path key = SshKeys.generate(dir, "ed25519", 0, "", false);
        sshd = OpenSshServer.start(Files.createDirectories(dir.resolve("sshd")), List.of(Path.of(key + ".pub")));
        Fixture b = Fixture.create(app, "OpenSSH halfway");
        b.deliver(Fixture.SAMPLE);
        Map<String, String> previous = delivered(app, b);
        Path outgoing = Files.createDirectories(dir.resolve("outgoing"));
        copySample(outgoing);
        Files.writeString(outgoing.resolve("orgs.csv"), Files.readString(outgoing.resolve("orgs.csv")) + "\n");
        // users.csv is fetched last (by name); reading this link fails on the server (the SFTP process's own memory at
        // offset 0 is unmapped: EIO) after every other file arrived
        Files.delete(outgoing.resolve("users.csv"));
        Files.createSymbolicLink(outgoing.resolve("users.csv"), Path.of("/proc/self/mem"));
        RemoteDeliveryTest.configure(b, "{\"enabled\":true,\"host\":\"127.0.0.1\",\"port\":" + sshd.port() + ",\"username\":\""
                + System.getProperty("user.name") + "\",\"privateKey\":" + SshKeys.json(key) + ",\"folder\":\""
                + outgoing.toAbsolutePath() + "\",\"deleteAfterFetch\":true,\"retries\":1}");

        Map<String, Object> run = b.run();

        assertEquals("failed", run.get("status"), run.toString());
        String message = (String) run.get("message");
        assertTrue(message.contains("failed at download: cannot fetch " + outgoing.toAbsolutePath() + "/users.csv"), message);
        assertTrue(message.contains("(tried 2 times)"), message);
        assertTrue(RemoteDeliveryTest.issues(app, run).stream().anyMatch(i -> "remote.download_failed".equals(i.get("code"))),
                run.toString());
        assertEquals(previous, delivered(app, b), "not one file of the half fetch reached the delivery");
        assertEquals(previous.get("orgs.csv"), RemoteDeliveryTest.sampleDigests().get("orgs.csv"));
        try (Stream<Path> left = Files.list(outgoing)) {
            assertEquals(RemoteDeliveryTest.sampleDigests().size(), left.count(), "nothing deleted on the server");
        }
        try (Stream<Path> parts = Files.list(app.dataDir().resolve("inbox").resolve(".uploading"))) {
            assertEquals(List.of(), parts.filter(p -> p.getFileName().toString().startsWith(b.sourceId().toString())).toList(),
                    "no temporary file left");
        }
    }

    @Test
    void aFileTheServerWillNotDeleteIsAWarningAndTheFetchedDeliveryIsImported(RunningApp.App app) throws Exception {
        Path key = SshKeys.generate(dir, "ed25519", 0, "", false);
        sshd = OpenSshServer.start(Files.createDirectories(dir.resolve("sshd")), List.of(Path.of(key + ".pub")), true);
        Path outgoing = Files.createDirectories(dir.resolve("outgoing"));
        copySample(outgoing);
        Fixture b = Fixture.create(app, "OpenSSH read-only");
        RemoteDeliveryTest.configure(b, "{\"enabled\":true,\"host\":\"127.0.0.1\",\"port\":" + sshd.port() + ",\"username\":\""
                + System.getProperty("user.name") + "\",\"privateKey\":" + SshKeys.json(key) + ",\"folder\":\""
                + outgoing.toAbsolutePath() + "\",\"hostKeyFingerprint\":\"" + sshd.hostKeyFingerprint()
                + "\",\"deleteAfterFetch\":true,\"retries\":0}");

        Map<String, Object> run = b.run();

        assertEquals("succeeded_with_issues", run.get("status"), run.toString());
        List<Map<String, Object>> issues = RemoteDeliveryTest.issues(app, run);
        assertEquals(RemoteDeliveryTest.sampleDigests().size(), issues.stream().filter(i -> "remote.delete_failed".equals(i.get("code"))
                && "warning".equals(i.get("outcome")) && ((String) i.get("message")).contains("fetches it again")).count(), issues.toString());
        assertEquals(RemoteDeliveryTest.sampleDigests(), delivered(app, b));
        try (Stream<Path> left = Files.list(outgoing)) {
            assertEquals(RemoteDeliveryTest.sampleDigests().size(), left.count());
        }
    }

    private static void copySample(Path to) throws Exception {
        try (Stream<Path> files = Files.list(Fixture.SAMPLE)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    private static Map<String, String> delivered(RunningApp.App app, Fixture b) throws Exception {
        return app.context().getBean(Inbox.class).delivery(b.sourceId()).stream()
                .collect(Collectors.toMap(DeliveryFile::name, DeliveryFile::sha256, (x, y) -> x, TreeMap::new));
    }
}
