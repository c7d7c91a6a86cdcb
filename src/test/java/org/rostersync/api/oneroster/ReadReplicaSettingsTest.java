package org.rostersync.api.oneroster;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.junit.jupiter.api.Test;
import org.rostersync.database.ReadReplica;
import org.rostersync.support.CapturedLog;
import org.rostersync.support.Failures;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ROSTERSYNC_DB_READ_URL and its companions as an administrator may get them wrong, and a replica that is not there or
 * is not a replica: a wrong setting stops the start naming it; a replica that does not answer, or is not one, does not.
 * (The routing between a real primary and replica is {@link ReadReplicaTest}'s.)
 */
class ReadReplicaSettingsTest {

    @Test
    void aReadReplicaOfTheEmbeddedDatabaseStopsTheStartNamingTheSetting() {
        String refused = Failures.messages(assertThrows(RuntimeException.class, () -> RunningApp.startWith(Map.of("rostersync.db.url", "",
                "rostersync.db.read-url", "jdbc:postgresql://127.0.0.1:5432/rostersync")).close()));
        assertTrue(refused.contains("ROSTERSYNC_DB_READ_URL names a read replica of an external PostgreSQL: set ROSTERSYNC_DB_URL"),
                refused);
    }

    @Test
    void aReadUrlThatIsNotAPostgresqlJdbcUrlStopsTheStartNamingTheSetting() {
        String refused = Failures.messages(assertThrows(RuntimeException.class, () -> RunningApp.startWith(Map.of(
                "rostersync.db.read-url", "postgres://replica:5432/rostersync")).close()));
        assertTrue(refused.contains("ROSTERSYNC_DB_READ_URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database),"
                + " not 'postgres://replica:5432/rostersync'"), refused);
    }

    @Test
    void aReadTimeoutOutsideOneSecondToAnHourStopsTheStartNamingTheSetting() {
        String refused = Failures.messages(assertThrows(RuntimeException.class, () -> RunningApp.startWith(Map.of(
                "rostersync.db.read-timeout-seconds", 0)).close()));
        assertTrue(refused.contains("ROSTERSYNC_DB_READ_TIMEOUT_SECONDS must be 1 to 3600, not 0"), refused);
    }

    @Test
    void aReadUserWithoutAReadUrlStopsTheStartNamingBoth() {
        String refused = Failures.messages(assertThrows(RuntimeException.class, () -> RunningApp.startWith(Map.of(
                "rostersync.db.read-user", "reader")).close()));
        assertTrue(refused.contains("ROSTERSYNC_DB_READ_USER and ROSTERSYNC_DB_READ_PASSWORD are for a read replica: set"
                + " ROSTERSYNC_DB_READ_URL too"), refused);
    }

    @Test
    void aReplicaThatDoesNotAnswerAtStartLeavesTheApiReadingThePrimary() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (CapturedLog log = CapturedLog.of(ReadReplica.class);
             RunningApp.App app = RunningApp.startWith(Map.of("rostersync.db.read-url", "jdbc:postgresql://127.0.0.1:" + closed + "/rostersync"))) {
            assertTrue(log.events().stream().anyMatch(e -> e.getLevel() == Level.WARN
                    && e.getFormattedMessage().contains("The read replica at jdbc:postgresql://127.0.0.1:" + closed
                    + "/rostersync does not answer")), log.events().stream().map(ILoggingEvent::getFormattedMessage).toList().toString());
            Fixture f = Fixture.create(app, "Replica away district");
            f.deliver(Fixture.SAMPLE);
            assertEquals("succeeded", f.run().get("status"));
            double before = reads(app, "primary", "unavailable");
            RunningApp.Response users = f.oneRoster("/users?limit=2");
            assertEquals(200, users.status(), users.toString());
            assertEquals("50", users.header("X-Total-Count"));
            assertEquals(before + 1, reads(app, "primary", "unavailable"));
        }
    }

    @Test
    void aServerThatIsNotAReplicaIsSaidAtStartAndReadOnlyWhileItHoldsTheTenantsLatestRoster() throws Exception {
        // the application's own database as its replica: the primary itself, which holds every tenant's latest roster
        Path dataDir = Path.of("target", "test-data", UUID.randomUUID().toString());
        Map<String, Object> settings = new HashMap<>(RunningApp.databaseSettingsFor(dataDir));
        settings.put("rostersync.db.read-url", settings.get("rostersync.db.url"));
        try (CapturedLog log = CapturedLog.of(ReadReplica.class); RunningApp.App app = RunningApp.startWith(settings, dataDir)) {
            assertTrue(log.events().stream().anyMatch(e -> e.getLevel() == Level.WARN
                    && e.getFormattedMessage().contains("is not a replica (pg_is_in_recovery() is false)")),
                    log.events().stream().map(ILoggingEvent::getFormattedMessage).toList().toString());
            Fixture f = Fixture.create(app, "Not a replica district");
            f.deliver(Fixture.SAMPLE);
            assertEquals("succeeded", f.run().get("status"));
            double before = reads(app, "replica", "caught_up");
            assertEquals("50", f.oneRoster("/users?limit=2").header("X-Total-Count"));
            assertEquals(before + 1, reads(app, "replica", "caught_up"));
        }
    }

    private static double reads(RunningApp.App app, String server, String reason) {
        RunningApp.Response metrics = app.get("/metrics", null, null);
        Matcher m = Pattern.compile("(?m)^rostersync_api_reads_total\\{([^}]*)} (\\S+)$").matcher(metrics.body());
        while (m.find()) {
            if (m.group(1).contains("server=\"" + server + "\"") && m.group(1).contains("reason=\"" + reason + "\"")) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no rostersync_api_reads_total{server=" + server + ",reason=" + reason + "}");
    }
}
