package org.rostersync.api.oneroster;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OneRoster API on a Debian PostgreSQL 15 primary and its streaming replica (ROSTERSYNC_DB_READ_URL): roster reads
 * go to the replica when it has replayed the tenant's latest run, to the primary when it lags or is down, and never
 * answer a roster older than the last run that committed. Which server answered a read is read from the servers' own
 * statement logs (each request filters on a value of its own), not only from the service's metrics.
 */
class ReadReplicaTest {

    private static final Pattern READS = Pattern.compile("(?m)^rostersync_api_reads_total\\{([^}]*)} (\\S+)$");
    private static final int USERS = 50; // the minimal sample's users.csv
    private static final int READ_TIMEOUT_SECONDS = 2;

    private static StreamingReplication servers;
    private static RunningApp.App app;

    @BeforeAll
    static void start() throws Exception {
        long started = System.nanoTime();
        servers = StreamingReplication.start();
        long replicated = System.nanoTime();
        // no ROSTERSYNC_DB_READ_USER or _PASSWORD: the replica is read with the primary's
        app = RunningApp.startWith(Map.of("rostersync.db.url", servers.primaryUrl(), "rostersync.db.user", StreamingReplication.USER,
                "rostersync.db.password", servers.password, "rostersync.db.read-url", servers.replicaUrl(),
                "rostersync.db.read-timeout-seconds", READ_TIMEOUT_SECONDS));
        System.out.printf("primary and replica started in %d ms, the application in %d ms%n",
                (replicated - started) / 1_000_000, (System.nanoTime() - replicated) / 1_000_000);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void rosterReadsGoToTheReplicaWhenItHasReplayedTheTenantsLatestRun() throws Exception {
        Fixture f = districtWithItsFirstRun("Replica district");
        servers.awaitCaughtUp();
        double before = reads("replica", "caught_up");

        String marker = marker();
        RunningApp.Response users = f.oneRoster(usersBut(marker, 2));
        assertEquals(200, users.status(), users.toString());
        assertEquals(Integer.toString(USERS), users.header("X-Total-Count"));
        assertEquals(2, ((List<?>) users.map().get("users")).size());
        assertAnsweredBy("replica", marker);
        RunningApp.Response one = f.oneRoster("/orgs/org-district");
        assertEquals(200, one.status(), one.toString());
        assertEquals(before + 2, reads("replica", "caught_up"));
    }

    @Test
    void aRunCommittedWhileTheReplicaIsPausedIsReadFromThePrimaryAndTheReplicaServesAgainOnceItHasReplayedIt() throws Exception {
        Fixture f = districtWithItsFirstRun("Paused replica district");
        servers.awaitCaughtUp();
        assertEquals(Integer.toString(USERS), f.oneRoster("/users?limit=2").header("X-Total-Count"), "counted on the replica");

        servers.pauseReplay();
        try {
            String users = Files.readString(Fixture.SAMPLE.resolve("users.csv"), StandardCharsets.UTF_8);
            String end = users.contains("\r\n") ? "\r\n" : "\n";
            f.deliver("users.csv", users + (users.endsWith(end) ? "" : end)
                    + "stu-replica-1,,,true,org-sch-lincoln,student,replica1,,Rhea,Plica,,S900,,,,,07," + end);
            Map<String, Object> second = f.run();
            assertEquals("succeeded", second.get("status"), second.toString());
            assertTrue(stamp(servers.replica(), f.tenantId()) < stamp(servers.primary(), f.tenantId()),
                    "the paused replica has not replayed the run");

            double lagging = reads("primary", "lagging");
            assertEquals(Integer.toString(USERS + 1), f.oneRoster("/users?limit=2").header("X-Total-Count"),
                    "not the total the replica counted before the run");
            String marker = marker();
            RunningApp.Response page = f.oneRoster(usersBut(marker, 100));
            assertEquals(Integer.toString(USERS + 1), page.header("X-Total-Count"));
            assertTrue(page.body().contains("\"stu-replica-1\""), page.body());
            assertAnsweredBy("primary", marker);
            assertEquals(200, f.oneRoster("/users/stu-replica-1").status());
            assertEquals(lagging + 3, reads("primary", "lagging"));
        } finally {
            servers.resumeReplay();
        }
        servers.awaitCaughtUp();
        double caughtUp = reads("replica", "caught_up");
        String marker = marker();
        RunningApp.Response page = f.oneRoster(usersBut(marker, 100));
        assertEquals(Integer.toString(USERS + 1), page.header("X-Total-Count"));
        assertTrue(page.body().contains("\"stu-replica-1\""), page.body());
        assertAnsweredBy("replica", marker);
        assertEquals(caughtUp + 1, reads("replica", "caught_up"));
    }

    @Test
    void withTheReplicaStoppedTheApiAnswersFromThePrimaryAndReadsTheReplicaAgainOnceItIsBack() throws Exception {
        Fixture f = districtWithItsFirstRun("Stopped replica district");
        servers.awaitCaughtUp();
        servers.stopReplica();
        try {
            double unavailable = reads("primary", "unavailable");
            for (int i = 0; i < 3; i++) {
                String marker = marker();
                long asked = System.nanoTime();
                RunningApp.Response users = f.oneRoster(usersBut(marker, 2));
                long millis = (System.nanoTime() - asked) / 1_000_000;
                assertEquals(200, users.status(), users.toString());
                assertEquals(Integer.toString(USERS), users.header("X-Total-Count"));
                assertAnsweredBy("primary", marker);
                if (i > 0) {
                    assertTrue(millis < 900, "a replica known to be down is not waited for: " + millis + " ms");
                }
            }
            assertEquals(unavailable + 3, reads("primary", "unavailable"));
        } finally {
            servers.startReplica();
        }
        awaitReadFromTheReplicaAgain(f);
    }

    @Test
    void aReplicaThatHangsMidRequestIsGivenUpAfterTheReadTimeoutAndThePrimaryAnswers() throws Exception {
        Fixture f = districtWithItsFirstRun("Frozen replica district");
        servers.awaitCaughtUp();
        awaitReadFromTheReplicaAgain(f);
        // at once, while the connection that read is idle in the pool for less than the pool's check takes: the next
        // request reads on it without a check, and only the read timeout saves it from waiting for the replica forever
        servers.freezeReplica();
        try {
            double unavailable = reads("primary", "unavailable");
            String marker = marker();
            long asked = System.nanoTime();
            RunningApp.Response users = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> f.oneRoster(usersBut(marker, 2)),
                    "a request held by a replica that does not answer");
            long millis = (System.nanoTime() - asked) / 1_000_000;
            assertEquals(200, users.status(), users.toString());
            assertEquals(Integer.toString(USERS), users.header("X-Total-Count"));
            assertTrue(millis < (READ_TIMEOUT_SECONDS + 3) * 1000L, "answered by the primary after the read timeout: " + millis + " ms");
            assertTrue(servers.log("primary").contains(marker), "the primary answered");
            assertEquals(unavailable + 1, reads("primary", "unavailable"));
        } finally {
            servers.thawReplica();
        }
        awaitReadFromTheReplicaAgain(f);
    }

    /** The replica is tried again a few seconds after it failed, and answers. */
    private static void awaitReadFromTheReplicaAgain(Fixture f) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            String marker = marker();
            RunningApp.Response users = f.oneRoster(usersBut(marker, 2));
            assertEquals(Integer.toString(USERS), users.header("X-Total-Count"));
            if (servers.log("replica").contains(marker)) {
                break;
            }
            assertTrue(Instant.now().isBefore(deadline), "the API did not read the replica again within 20 s of its start");
            Thread.sleep(200);
        }
    }

    private static Fixture districtWithItsFirstRun(String name) {
        Fixture f = Fixture.create(app, name).withoutSafeguards();
        f.deliver(Fixture.SAMPLE);
        Map<String, Object> run = f.run();
        assertEquals("succeeded", run.get("status"), run.toString());
        return f;
    }

    /** Every user (no sourcedId is the marker), a page of {@code limit}: the marker shows in the log of the server that read. */
    private static String usersBut(String marker, int limit) {
        return "/users?limit=" + limit + "&filter=" + URLEncoder.encode("sourcedId!='" + marker + "'", StandardCharsets.UTF_8);
    }

    private static String marker() {
        return "marker-" + UUID.randomUUID();
    }

    private static void assertAnsweredBy(String server, String marker) throws Exception {
        String other = server.equals("replica") ? "primary" : "replica";
        assertTrue(servers.log(server).contains(marker), "the " + server + " read " + marker);
        assertFalse(servers.log(other).contains(marker), "the " + other + " did not read " + marker);
    }

    private static long stamp(Connection c, UUID tenantId) throws Exception {
        try (c; PreparedStatement ps = c.prepareStatement("SELECT stamp FROM roster_stamp WHERE tenant_id = ?")) {
            ps.setObject(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** The requests counted in rostersync_api_reads_total with these labels. */
    private static double reads(String server, String reason) {
        RunningApp.Response metrics = app.get("/metrics", null, null);
        assertEquals(200, metrics.status(), metrics.toString());
        Matcher m = READS.matcher(metrics.body());
        double sum = 0;
        boolean found = false;
        while (m.find()) {
            if (m.group(1).contains("server=\"" + server + "\"") && m.group(1).contains("reason=\"" + reason + "\"")) {
                sum += Double.parseDouble(m.group(2));
                found = true;
            }
        }
        assertTrue(found, "rostersync_api_reads_total{server=" + server + ",reason=" + reason + "} in " + metrics.body());
        return sum;
    }
}
