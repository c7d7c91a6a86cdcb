package org.rostersync.schedule;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.rostersync.database.InstanceLiveness;
import org.rostersync.notify.NotificationsTest;
import org.rostersync.notify.NotifierLooks;
import org.rostersync.pipeline.RunService;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two rostersync processes on one database and one shared data directory, as behind a load balancer. */
class TwoInstancesTest {

    private static final Path DATA = Path.of("target", "test-data", "two-instances-" + UUID.randomUUID());
    private static final GreenMail SMTP = new GreenMail(new ServerSetup(NotificationsTest.freePort(), "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP));
    private static final RunningApp.App A;
    private static final RunningApp.App B;

    static {
        SMTP.start();
        Map<String, Object> settings = Map.of("rostersync.schedule.enabled", true, "rostersync.schedule.tick-seconds", 1,
                "rostersync.mail.host", "127.0.0.1", "rostersync.mail.port", SMTP.getSmtp().getPort(), "rostersync.mail.tls", "none",
                "rostersync.mail.poll-millis", 100);
        A = RunningApp.startWith(settings, DATA);
        Map<String, Object> second = new java.util.HashMap<>(settings);
        second.putAll(Map.of("rostersync.db.url", ((HikariDataSource) A.context().getBean(DataSource.class)).getJdbcUrl(),
                "rostersync.db.user", "postgres",
                "rostersync.db.password", ((HikariDataSource) A.context().getBean(DataSource.class)).getPassword()));
        B = RunningApp.startWith(second, DATA);
    }

    @AfterAll
    static void close() {
        B.close();
        A.close();
        SMTP.stop();
    }

    @Test
    void eachRunIsAnnouncedOnceAndEachDigestSentOnceWhicheverInstanceTakesThem() throws Exception {
        String domain = NotificationsTest.domain();
        Fixture f = Fixture.create(A, "Told once");
        assertEquals(200, A.adminPut("/api/sources/" + f.sourceId() + "/schedule", "{\"enabled\":false,\"timeZone\":\"UTC\"}").status());
        assertEquals(200, NotificationsTest.settings(f, "{\"recipients\":\"ops@" + domain + "\",\"heldDigest\":false}").status());
        NotificationsTest.deliverSchool(f, 20);
        for (RunningApp.App app : List.of(A, B)) {
            RunningApp.Response r = app.adminPost("/api/sources/" + f.sourceId() + "/runs", null);
            assertEquals("succeeded", f.awaitEnd((String) r.map().get("id")).get("status"));
        }
        f.deliver("users.csv", NotificationsTest.users(10));
        RunningApp.Response r = B.adminPost("/api/sources/" + f.sourceId() + "/runs", null);
        assertEquals("held", f.awaitEnd((String) r.map().get("id")).get("status"));
        NotificationsTest.awaitMessages(SMTP, domain, 3);
        assertEquals(200, NotificationsTest.settings(f, "{\"recipients\":\"ops@" + domain + "\",\"digestTime\":\"00:00\"}").status());
        List<MimeMessage> got = NotificationsTest.awaitMessages(SMTP, domain, 4);
        for (RunningApp.App app : List.of(A, B, A, B)) {
            NotifierLooks.lookAgain(app.context()); // two more looks on each instance: nothing more is queued
        }
        assertEquals(4, SMTP.getReceivedMessagesForDomain(domain).length, "three runs and one digest, each sent once");
        assertEquals(1, got.stream().filter(m -> subject(m).endsWith("1 run is held, waiting for a decision")).count());
        List<Map<String, Object>> emails = A.adminGet("/api/sources/" + f.sourceId() + "/emails").list();
        assertEquals(4, emails.size(), emails.toString());
        assertTrue(emails.stream().allMatch(e -> "sent".equals(e.get("status")) && ((Number) e.get("attempts")).intValue() == 1),
                emails.toString());
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void eachDueInstantAndEachRunAskedForIsExecutedExactlyOnceByOneOfTheInstances() throws Exception {
        List<Fixture> sources = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Fixture f = Fixture.create(A, "Twice " + i);
            f.deliver(Fixture.SAMPLE);
            sources.add(f);
        }
        long before = executed();
        try (Connection c = A.context().getBean(DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE source SET next_run_at = now() - interval '1 second', next_run_planned = true"
                     + " WHERE tenant_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("uuid", sources.stream().map(Fixture::tenantId).toArray()));
            assertEquals(8, ps.executeUpdate());
        }
        for (Fixture f : sources) {
            awaitEnded(f, 1);
        }
        List<String> asked = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < sources.size(); i++) {
                RunningApp.App app = (i + round) % 2 == 0 ? A : B;
                RunningApp.Response r = app.adminPost("/api/sources/" + sources.get(i).sourceId() + "/runs", null);
                assertEquals(202, r.status(), r.toString());
                asked.add((String) r.map().get("id"));
            }
        }
        for (Fixture f : sources) {
            List<Map<String, Object>> runs = awaitEnded(f, 3);
            assertEquals("schedule", runs.get(2).get("trigger"), "the first run is the timed one: " + runs);
            for (Map<String, Object> run : runs) {
                assertEquals("succeeded", run.get("status"), run.toString());
            }
        }
        assertEquals(24, executed() - before, "every run executed once, on one instance or the other");
        assertEquals(16, asked.stream().distinct().count());
        // a look at the schedules on each instance, done to its end: the instant taken is not queued again
        A.context().getBean(ScheduleTicker.class).tick();
        B.context().getBean(ScheduleTicker.class).tick();
        for (Fixture f : sources) {
            assertEquals(3, runs(f).size(), "no instance queued the instant again");
        }
    }

    @Test
    void aRunLeftRunningByAnInstanceThatIsGoneIsEndedAndOneOfALiveInstanceIsNot() throws Exception {
        Fixture f = Fixture.create(A, "Gone");
        UUID lost = insertRunning(f, 42L);
        UUID live = insertRunning(f, B.context().getBean(InstanceLiveness.class).key());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        Map<String, Object> ended = A.adminGet("/api/runs/" + lost).map();
        while (ended.get("status").equals("running") && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            ended = A.adminGet("/api/runs/" + lost).map();
        }
        assertEquals("failed", ended.get("status"), ended.toString());
        assertEquals("rostersync stopped before this run finished; nothing was applied", ended.get("message"));
        assertEquals("running", A.adminGet("/api/runs/" + live).map().get("status"), "its instance is alive: it may still finish");
        try (Connection c = A.context().getBean(DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE run SET status = 'failed', finished_at = now() WHERE id = ?")) {
            ps.setObject(1, live);
            ps.executeUpdate();
        }
    }

    private static UUID insertRunning(Fixture f, long executor) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection c = A.context().getBean(DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO run (id, tenant_id, source_id, status, started_at, executor)"
                     + " VALUES (?, ?, ?, 'running', now(), ?)")) {
            ps.setObject(1, id);
            ps.setObject(2, f.tenantId());
            ps.setObject(3, f.sourceId());
            ps.setLong(4, executor);
            ps.executeUpdate();
        }
        return id;
    }

    private static long executed() {
        return A.context().getBean(RunService.class).executed() + B.context().getBean(RunService.class).executed();
    }

    private static List<Map<String, Object>> runs(Fixture f) {
        return A.adminGet("/api/sources/" + f.sourceId() + "/runs").list();
    }

    private static List<Map<String, Object>> awaitEnded(Fixture f, int count) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            List<Map<String, Object>> runs = runs(f);
            if (runs.size() >= count && runs.stream().noneMatch(r -> List.of("queued", "running").contains(r.get("status")))) {
                assertEquals(count, runs.size(), runs.toString());
                return runs;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("source " + f.sourceId() + " did not end " + count + " runs: " + runs(f));
    }
}
