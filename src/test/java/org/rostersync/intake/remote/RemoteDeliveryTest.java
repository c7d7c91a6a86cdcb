package org.rostersync.intake.remote;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.intake.inbox.DeliveryFile;
import org.rostersync.intake.inbox.Inbox;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A source pulls its delivery from the project's own SFTP server: source A (one tenant) has the sample delivery in its
 * hosted inbox, and source B (another tenant) fetches it from 127.0.0.1 as A's account before its runs.
 */
@ExtendWith(RunningApp.class)
class RemoteDeliveryTest {

    @Test
    void aRunFetchesTheRemoteDeliveryRecordsItsFilesAndImportsIt(RunningApp.App app) throws Exception {
        Fixture a = hostingTheSample(app);
        Fixture b = Fixture.create(app, "Puller");
        configure(b, pullFrom(app, a, ""));

        Map<String, Object> run = b.run();

        // first contact: the run pinned the host key, and says so
        assertEquals("succeeded_with_issues", run.get("status"), run.toString());
        assertTrue(((List<?>) run.get("phases")).stream().anyMatch(p -> "fetch from the remote server".equals(((Map<?, ?>) p).get("name"))),
                run.toString());
        Map<String, String> fetched = app.context().getBean(Inbox.class).delivery(b.sourceId()).stream()
                .collect(Collectors.toMap(DeliveryFile::name, DeliveryFile::sha256, (x, y) -> x, TreeMap::new));
        assertEquals(sampleDigests(), fetched);
        Map<String, Object> users = b.oneRoster("/users").map();
        assertFalse(((List<?>) users.get("users")).isEmpty(), users.toString());
        // first contact pinned the server's key: the one our SFTP server shows
        String pinned = (String) app.adminGet("/api/sources/" + b.sourceId() + "/remote-delivery").map().get("hostKeyFingerprint");
        assertTrue(app.context().getBean(org.rostersync.intake.sftp.SftpServer.class).hostKeys().stream()
                .anyMatch(k -> k.endsWith(" " + pinned)), pinned);
        List<Map<String, Object>> issues = issues(app, run);
        assertEquals(List.of("remote.host_key_pinned"), issues.stream().map(i -> i.get("code")).toList(), issues.toString());
        assertTrue(((String) issues.get(0).get("message")).contains(pinned), issues.toString());
        // the source's files stay on the server unless asked otherwise
        assertEquals(sampleDigests().keySet(), names(app, a));
    }

    @Test
    void deleteAfterFetchRemovesTheFetchedFilesFromTheServerOnlyOnceTheyAreInTheInbox(RunningApp.App app) throws Exception {
        Fixture a = hostingTheSample(app);
        Fixture b = Fixture.create(app, "Puller");
        configure(b, pullFrom(app, a, ",\"deleteAfterFetch\":true"));
        test(app, b); // pins the host key

        Map<String, Object> run = b.run();

        assertEquals("succeeded", run.get("status"), run.toString());
        assertEquals(Map.of(), sampleOnDisk(app, a));
        assertEquals(sampleDigests().keySet(), app.context().getBean(Inbox.class).delivery(b.sourceId()).stream()
                .map(DeliveryFile::name).collect(Collectors.toCollection(java.util.TreeSet::new)));

        // the next run finds nothing on the server: it says so and reads the delivery it has
        Map<String, Object> again = b.run();
        assertEquals("succeeded_with_issues", again.get("status"), again.toString());
        assertTrue(issues(app, again).stream().anyMatch(i -> "remote.no_files".equals(i.get("code"))), again.toString());
    }

    @Test
    void aTimedRunThatFetchesTheSameFilesAgainAppliesNothing(RunningApp.App app) throws Exception {
        Fixture a = hostingTheSample(app);
        Fixture b = Fixture.create(app, "Puller");
        configure(b, pullFrom(app, a, ""));
        test(app, b); // pins the host key
        assertEquals("succeeded", b.run().get("status"));

        // queued as the schedule queues a due instant
        java.util.UUID timed = org.rostersync.report.RunQueue.insert(app.context().getBean(org.rostersync.database.Db.class),
                b.tenantId(), b.sourceId(), org.rostersync.report.RunTrigger.schedule, java.time.Instant.now(), null);
        app.context().getBean(org.rostersync.pipeline.RunService.class).queuedElsewhere();
        Map<String, Object> again = b.awaitEnd(timed.toString());

        assertEquals("no_new_delivery", again.get("status"), again.toString());
        assertTrue(((List<?>) again.get("phases")).stream().anyMatch(p -> "fetch from the remote server".equals(((Map<?, ?>) p).get("name"))),
                "it fetched, and found the files it had: " + again);
    }

    @Test
    void testConnectionReportsEveryStepAndListsTheFilesAFetchWouldTake(RunningApp.App app) throws Exception {
        Fixture a = hostingTheSample(app);
        Fixture b = Fixture.create(app, "Puller");
        configure(b, pullFrom(app, a, ""));

        Map<String, Object> report = test(app, b);

        assertEquals(true, report.get("ok"), report.toString());
        for (String step : List.of("name lookup", "connect", "host key", "authentication", "folder", "files")) {
            assertEquals("ok", status(report, step), step + " in " + report);
        }
        assertEquals(true, report.get("hostKeyPinnedNow"), report.toString());
        assertTrue(message(report, "host key").contains("first contact"), report.toString());
        List<?> files = (List<?>) report.get("files");
        assertEquals(sampleDigests().keySet(), files.stream().map(f -> (String) ((Map<?, ?>) f).get("name"))
                .collect(Collectors.toCollection(java.util.TreeSet::new)));
        Map<?, ?> users = files.stream().map(f -> (Map<?, ?>) f).filter(f -> f.get("name").equals("users.csv")).findFirst().orElseThrow();
        assertEquals((int) Files.size(Fixture.SAMPLE.resolve("users.csv")), ((Number) users.get("size")).intValue());
        assertTrue(users.get("modifiedAt") != null, users.toString());

        // pinned now: a second test checks the key instead of pinning it
        Map<String, Object> second = test(app, b);
        assertEquals(false, second.get("hostKeyPinnedNow"), second.toString());
        assertTrue(message(second, "host key").contains("pinned " + report.get("hostKeyFingerprint")), second.toString());
    }

    @Test
    void anUnknownHostNameFailsAtNameLookup(RunningApp.App app) {
        Fixture b = Fixture.create(app, "Puller");
        configure(b, "{\"enabled\":true,\"host\":\"no-such-host.invalid\",\"username\":\"x\",\"password\":\"secret\"}");

        Map<String, Object> report = test(app, b);

        assertEquals(false, report.get("ok"));
        assertEquals("failed", status(report, "name lookup"), report.toString());
        assertTrue(message(report, "name lookup").contains("no-such-host.invalid"), report.toString());
        for (String later : List.of("connect", "host key", "authentication", "folder", "files")) {
            assertEquals("not reached", status(report, later), report.toString());
        }
    }

    @Test
    void aClosedPortFailsAtConnectWithinSeconds(RunningApp.App app) throws IOException {
        Fixture b = Fixture.create(app, "Puller");
        configure(b, "{\"enabled\":true,\"host\":\"127.0.0.1\",\"port\":" + closedPort() + ",\"username\":\"x\",\"password\":\"secret\"}");

        long started = System.nanoTime();
        Map<String, Object> report = test(app, b);

        assertTrue(System.nanoTime() - started < 10_000_000_000L, "took too long");
        assertEquals("ok", status(report, "name lookup"), report.toString());
        assertEquals("failed", status(report, "connect"), report.toString());
        assertTrue(message(report, "connect").contains("127.0.0.1"), report.toString());
        assertEquals("not reached", status(report, "host key"), report.toString());
    }

    @Test
    void aServerThatNeverAnswersFailsWithinTheConnectTimeout(RunningApp.App app) throws IOException {
        Fixture b = Fixture.create(app, "Puller");
        // the kernel accepts the connection into the backlog, and nobody ever speaks SSH on it
        try (ServerSocket silent = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            configure(b, "{\"enabled\":true,\"host\":\"127.0.0.1\",\"port\":" + silent.getLocalPort()
                    + ",\"username\":\"x\",\"password\":\"secret\",\"connectTimeoutSeconds\":1,\"retries\":0}");

            long started = System.nanoTime();
            Map<String, Object> report = test(app, b);
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;

            assertTrue(seconds < 5, "took " + seconds + " s");
            assertEquals("ok", status(report, "connect"), report.toString());
            assertEquals("failed", status(report, "host key"), report.toString());
            assertTrue(message(report, "host key").contains("within 1 s"), report.toString());
            assertEquals("not reached", status(report, "authentication"), report.toString());
        }
    }

    @Test
    void testingASourceWithoutARemoteServerIsRefusedNamingTheMissingField(RunningApp.App app) {
        Fixture b = Fixture.create(app, "Nothing set");

        RunningApp.Response r = app.adminPost("/api/sources/" + b.sourceId() + "/test-connection", null);

        assertEquals(400, r.status(), r.toString());
        assertEquals("host", r.map().get("field"));
        assertEquals(404, app.adminPost("/api/sources/" + java.util.UUID.randomUUID() + "/test-connection", null).status());
    }

    @Test
    void aFileLargerThanAnUploadMayBeIsRefusedAsTheHostedServerWouldRefuseIt() throws Exception {
        try (RunningApp.App small = RunningApp.startWith(Map.of("rostersync.sftp.max-file-bytes", 1000))) {
            Fixture a = hostingTheSample(small);
            Fixture b = Fixture.create(small, "Puller");
            configure(b, pullFrom(small, a, ""));

            Map<String, Object> run = b.run();

            assertEquals("failed", run.get("status"));
            assertTrue(((String) run.get("message")).contains("failed at files: "), run.toString());
            assertTrue(((String) run.get("message")).contains("ROSTERSYNC_SFTP_MAX_FILE_BYTES"), run.toString());
            assertEquals(List.of(), small.context().getBean(Inbox.class).delivery(b.sourceId()), "nothing fetched");
        }
    }

    @Test
    void aServerShowingAnotherKeyThanThePinnedOneIsRefusedBeforeLoggingIn(RunningApp.App app) throws Exception {
        Fixture a = hostingTheSample(app);
        Fixture b = Fixture.create(app, "Puller");
        String wrong = "SHA256:" + "A".repeat(43);
        configure(b, pullFrom(app, a, ",\"hostKeyFingerprint\":\"" + wrong + "\""));

        Map<String, Object> report = test(app, b);

        assertEquals(false, report.get("ok"));
        assertEquals("failed", status(report, "host key"), report.toString());
        String seen = (String) report.get("hostKeyFingerprint");
        assertTrue(message(report, "host key").contains(wrong) && message(report, "host key").contains(seen), report.toString());
        assertEquals("not reached", status(report, "authentication"), report.toString());
        assertEquals(false, report.get("hostKeyPinnedNow"));
        assertEquals(wrong, app.adminGet("/api/sources/" + b.sourceId() + "/remote-delivery").map().get("hostKeyFingerprint"));
        // nothing was sent: A's account saw no login attempt
        List<Map<String, Object>> events = app.adminGet("/api/sources/" + a.sourceId() + "/sftp-events").list();
        assertTrue(events.stream().noneMatch(e -> String.valueOf(e.get("kind")).startsWith("login")), events.toString());

        // and a run fails there too, applying nothing, without retrying
        Map<String, Object> run = b.run();
        assertEquals("failed", run.get("status"));
        assertTrue(((String) run.get("message")).startsWith("fetching from 127.0.0.1:" + app.sftpPort() + " failed at host key:"), run.toString());
        assertFalse(((String) run.get("message")).contains("tried"), run.toString());
        assertTrue(issues(app, run).stream().anyMatch(i -> "remote.host_key_failed".equals(i.get("code"))), run.toString());
    }

    @Test
    void aWrongPasswordFailsAtAuthentication(RunningApp.App app) throws Exception {
        Fixture a = hostingTheSample(app);
        Fixture b = Fixture.create(app, "Puller");
        configure(b, "{\"enabled\":true,\"host\":\"127.0.0.1\",\"port\":" + app.sftpPort() + ",\"username\":\"" + a.sftpUser()
                + "\",\"password\":\"not-the-password\"}");

        Map<String, Object> report = test(app, b);

        assertEquals("ok", status(report, "host key"), report.toString());
        assertEquals("failed", status(report, "authentication"), report.toString());
        assertTrue(message(report, "authentication").contains(a.sftpUser()), report.toString());
        assertEquals("not reached", status(report, "folder"), report.toString());

        Map<String, Object> run = b.run();
        assertEquals("failed", run.get("status"));
        assertTrue(((String) run.get("message")).contains("failed at authentication:"), run.toString());
        assertTrue(issues(app, run).stream().anyMatch(i -> "remote.authentication_failed".equals(i.get("code"))
                && "fatal".equals(i.get("outcome"))), run.toString());
    }

    @Test
    void aMissingFolderFailsAtFolder(RunningApp.App app) throws Exception {
        Fixture a = hostingTheSample(app);
        Fixture b = Fixture.create(app, "Puller");
        configure(b, pullFrom(app, a, ",\"folder\":\"/outgoing/roster\""));

        Map<String, Object> report = test(app, b);

        assertEquals("ok", status(report, "authentication"), report.toString());
        assertEquals("failed", status(report, "folder"), report.toString());
        assertTrue(message(report, "folder").contains("/outgoing/roster") && message(report, "folder").contains("does not exist"),
                report.toString());
        assertEquals("not reached", status(report, "files"), report.toString());

        Map<String, Object> run = b.run();
        assertTrue(issues(app, run).stream().anyMatch(i -> "remote.folder_failed".equals(i.get("code"))), run.toString());
    }

    @Test
    void patternsMatchingNothingAreAWarningThatSaysWhatWasLookedFor(RunningApp.App app) throws Exception {
        Fixture a = hostingTheSample(app);
        Fixture b = Fixture.create(app, "Puller");
        configure(b, pullFrom(app, a, ",\"patterns\":[\"roster-*.zip\"]"));

        Map<String, Object> report = test(app, b);

        assertEquals(true, report.get("ok"), report.toString());
        assertEquals("warning", status(report, "files"), report.toString());
        assertTrue(message(report, "files").contains("roster-*.zip"), report.toString());
        assertEquals(List.of(), report.get("files"));
    }

    @Test
    void filesTheInboxWouldRefuseFailTheFilesStepByName(RunningApp.App app) throws Exception {
        Fixture a = hostingTheSample(app);
        Fixture b = Fixture.create(app, "Puller");
        // the hosted server takes only delivery names, so a name it refuses is made here by matching case-insensitively
        configure(b, pullFrom(app, a, ",\"patterns\":[\"*.[cC][sS][vV]\"]"));
        Path odd = app.context().getBean(Inbox.class).folder(a.sourceId()).resolve("Users.CSV");
        Files.writeString(odd, "sourcedId\n");

        Map<String, Object> report = test(app, b);
        Map<String, Object> run = b.run();

        assertEquals(false, report.get("ok"));
        assertEquals("failed", status(report, "files"), report.toString());
        assertTrue(message(report, "files").contains("Users.CSV"), report.toString());
        assertEquals("failed", run.get("status"));
        assertTrue(issues(app, run).stream().anyMatch(i -> "remote.files_failed".equals(i.get("code"))), run.toString());
        assertEquals(List.of(), app.context().getBean(Inbox.class).delivery(b.sourceId()), "nothing fetched");
    }

    @Test
    void anUnreachableServerFailsTheRunNamingTheStepAndLeavesThePreviousDeliveryApplied(RunningApp.App app) throws Exception {
        Fixture a = hostingTheSample(app);
        Fixture b = Fixture.create(app, "Puller");
        configure(b, pullFrom(app, a, ""));
        test(app, b); // pins the host key
        assertEquals("succeeded", b.run().get("status"));
        List<DeliveryFile> before = app.context().getBean(Inbox.class).delivery(b.sourceId());
        String rosterBefore = b.oneRoster("/users?limit=1000").body();

        int port = closedPort();
        configure(b, "{\"port\":" + port + ",\"retries\":1}");
        Map<String, Object> run = b.run();

        assertEquals("failed", run.get("status"));
        String message = (String) run.get("message");
        assertTrue(message.startsWith("fetching from 127.0.0.1:" + port + " failed at connect: cannot connect to 127.0.0.1:" + port),
                message);
        assertTrue(message.contains("(tried 2 times)") && message.endsWith("nothing was applied"), message);
        assertTrue(issues(app, run).stream().anyMatch(i -> "remote.connect_failed".equals(i.get("code"))), run.toString());
        assertEquals(List.of(), run.get("files"));
        assertEquals(before, app.context().getBean(Inbox.class).delivery(b.sourceId()));
        assertEquals(rosterBefore, b.oneRoster("/users?limit=1000").body());
    }

    @Test
    void anUnknownHostFailsTheRunAtNameLookup(RunningApp.App app) {
        Fixture b = Fixture.create(app, "Puller");
        configure(b, "{\"enabled\":true,\"host\":\"no-such-host.invalid\",\"username\":\"x\",\"password\":\"secret\",\"retries\":0}");

        Map<String, Object> run = b.run();

        assertEquals("failed", run.get("status"));
        assertTrue(((String) run.get("message")).startsWith("fetching from no-such-host.invalid:22 failed at name lookup:"), run.toString());
        assertTrue(issues(app, run).stream().anyMatch(i -> "remote.name_lookup_failed".equals(i.get("code"))), run.toString());
    }

    // --- helpers

    static Fixture hostingTheSample(RunningApp.App app) {
        Fixture a = Fixture.create(app, "Host");
        a.deliver(Fixture.SAMPLE);
        return a;
    }

    static String pullFrom(RunningApp.App app, Fixture a, String more) {
        return "{\"enabled\":true,\"host\":\"127.0.0.1\",\"port\":" + app.sftpPort() + ",\"username\":\"" + a.sftpUser()
                + "\",\"password\":\"" + a.sftpPassword() + "\",\"retries\":0" + more + "}";
    }

    static void configure(Fixture b, String json) {
        RunningApp.Response r = b.app().adminPut("/api/sources/" + b.sourceId() + "/remote-delivery", json);
        assertEquals(200, r.status(), r.toString());
    }

    static Map<String, Object> test(RunningApp.App app, Fixture b) {
        RunningApp.Response r = app.adminPost("/api/sources/" + b.sourceId() + "/test-connection", null);
        assertEquals(200, r.status(), r.toString());
        return r.map();
    }

    static String status(Map<String, Object> report, String step) {
        return (String) step(report, step).get("status");
    }

    static String message(Map<String, Object> report, String step) {
        return (String) step(report, step).get("message");
    }

    private static Map<?, ?> step(Map<String, Object> report, String step) {
        return ((List<?>) report.get("steps")).stream().map(s -> (Map<?, ?>) s).filter(s -> step.equals(s.get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no step " + step + " in " + report));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> issues(RunningApp.App app, Map<String, Object> run) {
        return (List<Map<String, Object>>) app.adminGet("/api/runs/" + run.get("id") + "/issues").map().get("issues");
    }

    static Map<String, String> sampleDigests() throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(Fixture.SAMPLE)) {
            for (Path f : files.toList()) {
                out.put(f.getFileName().toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
            }
        }
        return out;
    }

    private static java.util.Set<String> names(RunningApp.App app, Fixture a) throws Exception {
        return sampleOnDisk(app, a).keySet();
    }

    private static Map<String, Long> sampleOnDisk(RunningApp.App app, Fixture a) throws Exception {
        try (Stream<Path> files = Files.list(app.context().getBean(Inbox.class).folder(a.sourceId()))) {
            return files.collect(Collectors.toMap(f -> f.getFileName().toString(), f -> f.toFile().length(), (x, y) -> x, TreeMap::new));
        }
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
