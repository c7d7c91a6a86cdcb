package org.rostersync.schedule;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.rostersync.intake.inbox.Inbox;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Timed runs and runs on arrival, in the running service. The clock is not waited for: a test makes the source's next
 * instant due (or its files quiet) in the database, as time passing would, and the service does the rest.
 */
class ScheduledRunsTest {

    private static final RunningApp.App APP = RunningApp.startWith(Map.of("rostersync.schedule.enabled", true,
            "rostersync.schedule.tick-seconds", 1));

    @AfterAll
    static void close() {
        APP.close();
    }

    @Test
    void aDueInstantStartsOneTimedRunAndTheNextIsTheSchedulesNextInstant() throws Exception {
        Fixture f = Fixture.create(APP, "Timed");
        f.deliver(Fixture.SAMPLE);
        RunningApp.Response saved = APP.adminPut("/api/sources/" + f.sourceId() + "/schedule",
                "{\"timeZone\":\"Europe/Berlin\",\"startTime\":\"03:00\"}");
        assertEquals(200, saved.status(), saved.toString());
        Instant due = makeDue(f.sourceId());
        Map<String, Object> run = awaitRuns(f, 1, r -> true).get(0);
        Map<String, Object> ended = f.awaitEnd((String) run.get("id"));
        assertEquals("succeeded", ended.get("status"), ended.toString());
        assertEquals("schedule", ended.get("trigger"));
        assertEquals(due, Instant.parse((String) ended.get("scheduledFor")));
        String next = (String) ((List<Map<String, Object>>) APP.adminGet("/api/sources/" + f.sourceId() + "/schedule").map()
                .get("nextRuns")).get(0).get("at");
        assertEquals(Instant.parse(next), nextRunAt(f.sourceId()), "the next run is the schedule's next instant");
        lookAtTheSchedules();
        assertEquals(1, runs(f).size(), "one run for the instant");
    }

    @Test
    void dueInstantsOfASourceWhoseTimedRunIsStillQueuedJoinItInsteadOfPilingUp() throws Exception {
        Fixture f = Fixture.create(APP, "Busy");
        f.deliver(Fixture.SAMPLE);
        UUID busy = UUID.randomUUID(); // a long run of the source, on this live instance: the timed runs wait behind it
        try (Connection c = APP.context().getBean(DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO run (id, tenant_id, source_id, status, started_at, executor)"
                     + " VALUES (?, ?, ?, 'running', now(), ?)")) {
            ps.setObject(1, busy);
            ps.setObject(2, f.tenantId());
            ps.setObject(3, f.sourceId());
            ps.setLong(4, APP.context().getBean(org.rostersync.database.InstanceLiveness.class).key());
            ps.executeUpdate();
        }
        makeDue(f.sourceId());
        awaitRuns(f, 2, r -> "queued".equals(r.get("status")));
        makeDue(f.sourceId());
        Instant deadline = Instant.now().plusSeconds(10);
        while (nextRunAt(f.sourceId()).isBefore(Instant.now()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertTrue(nextRunAt(f.sourceId()).isAfter(Instant.now()), "the second instant was taken");
        assertEquals(2, runs(f).size(), "the second instant joined the queued run: " + runs(f));
        try (Connection c = APP.context().getBean(DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE run SET status = 'failed', finished_at = now() WHERE id = ?")) {
            ps.setObject(1, busy);
            ps.executeUpdate();
        }
        Map<String, Object> timed = runs(f).stream().filter(r -> "schedule".equals(r.get("trigger"))).findFirst().orElseThrow();
        assertEquals("succeeded", f.awaitEnd((String) timed.get("id")).get("status"));
    }

    @Test
    void aTimedRunThatFindsNothingNewAppliesNothingUnlessTheScheduleAsksToReapply() throws Exception {
        Fixture f = Fixture.create(APP, "Nothing new");
        f.deliver(Fixture.SAMPLE);
        assertEquals("succeeded", f.run().get("status"));
        makeDue(f.sourceId());
        Map<String, Object> same = f.awaitEnd((String) awaitRuns(f, 2, r -> "schedule".equals(r.get("trigger"))).get(0).get("id"));
        assertEquals("no_new_delivery", same.get("status"), same.toString());
        assertTrue(((String) same.get("message")).startsWith("no new delivery"), same.toString());
        assertEquals(200, APP.adminPut("/api/sources/" + f.sourceId() + "/schedule", "{\"reapplyUnchanged\":true}").status());
        makeDue(f.sourceId());
        Map<String, Object> again = f.awaitEnd((String) awaitRuns(f, 3, r -> true).get(0).get("id"));
        assertEquals("succeeded", again.get("status"), again.toString());
        assertEquals("schedule", again.get("trigger"));
    }

    @Test
    void aCompleteDeliveryThatHasBeenQuietStartsOneRunOnArrival() throws Exception {
        Fixture f = Fixture.create(APP, "Arrival");
        assertEquals(200, APP.adminPut("/api/sources/" + f.sourceId() + "/schedule",
                "{\"enabled\":false,\"runOnArrival\":true,\"arrivalQuietMinutes\":1}").status());
        for (String name : List.of("manifest.csv", "orgs.csv", "academicSessions.csv", "courses.csv", "classes.csv", "demographics.csv",
                "enrollments.csv")) {
            f.deliver(name, Files.readAllBytes(Fixture.SAMPLE.resolve(name)));
        }
        makeQuiet(f.sourceId());
        lookAtTheSchedules();
        assertEquals(0, runs(f).size(), "users.csv, which the manifest lists, has not arrived");
        f.deliver("users.csv", Files.readAllBytes(Fixture.SAMPLE.resolve("users.csv")));
        lookAtTheSchedules();
        assertEquals(0, runs(f).size(), "the last file arrived less than a minute ago");
        makeQuiet(f.sourceId());
        Map<String, Object> run = f.awaitEnd((String) awaitRuns(f, 1, r -> true).get(0).get("id"));
        assertEquals("succeeded", run.get("status"), run.toString());
        assertEquals("arrival", run.get("trigger"));
        lookAtTheSchedules();
        assertEquals(1, runs(f).size(), "one run per delivery");

        // a changed file, but another upload is still being written: wait for it
        Path upload = APP.context().getBean(Inbox.class).newUpload(f.sourceId());
        Files.writeString(upload, "sourcedId,status");
        f.deliver("orgs.csv", Files.readString(Fixture.SAMPLE.resolve("orgs.csv")) + "\n");
        makeQuiet(f.sourceId());
        lookAtTheSchedules();
        assertEquals(1, runs(f).size(), "an upload in progress holds the run");
        Files.delete(upload);
        Map<String, Object> second = f.awaitEnd((String) awaitRuns(f, 2, r -> true).get(0).get("id"));
        assertEquals("arrival", second.get("trigger"), second.toString());
    }

    /**
     * One look at the schedules and the arrivals, as the ticker takes every second, done now and to its end: what it
     * did not queue by then it does not queue at all (a fixed sleep could end before a slow machine's next look).
     */
    private static void lookAtTheSchedules() {
        APP.context().getBean(ScheduleTicker.class).tick();
    }

    /** Makes the source's next timed run due now, as the clock reaching it would; returns the instant. */
    private static Instant makeDue(UUID source) throws Exception {
        try (Connection c = APP.context().getBean(DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE source SET next_run_at = date_trunc('second', now()) - interval '1 second',"
                     + " next_run_planned = true WHERE id = ? RETURNING next_run_at")) {
            ps.setObject(1, source);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    private static Instant nextRunAt(UUID source) throws Exception {
        try (Connection c = APP.context().getBean(DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT next_run_at FROM source WHERE id = ?")) {
            ps.setObject(1, source);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    /** Moves the source's files' arrival two minutes back, as two quiet minutes would. */
    private static void makeQuiet(UUID source) throws Exception {
        try (Connection c = APP.context().getBean(DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE delivery_file SET received_at = received_at - interval '2 minutes'"
                     + " WHERE source_id = ?")) {
            ps.setObject(1, source);
            ps.executeUpdate();
        }
    }

    private static List<Map<String, Object>> runs(Fixture f) {
        return APP.adminGet("/api/sources/" + f.sourceId() + "/runs").list();
    }

    /** Waits until the source has {@code count} runs; returns them newest first. */
    private static List<Map<String, Object>> awaitRuns(Fixture f, int count, Predicate<Map<String, Object>> newest) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            List<Map<String, Object>> runs = runs(f);
            if (runs.size() >= count && newest.test(runs.get(0))) {
                assertEquals(count, runs.size(), runs.toString());
                return runs;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("source " + f.sourceId() + " did not reach " + count + " runs: " + runs(f));
    }
}
