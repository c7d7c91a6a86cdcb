package org.rostersync.database;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded PostgreSQL admits only who knows its password, a cluster made before the password included. */
class EmbeddedDatabaseTest {

    @Test
    void aConnectionWithoutThePasswordIsRefusedAndAClusterThatTrustedEveryoneGetsAPasswordAtItsNextStart(@TempDir Path data)
            throws Exception {
        Path passwordFile = data.resolve("postgres.password");
        String url;
        String firstPassword;
        Path oldInboxFile;
        try (RunningApp.App app = RunningApp.startOnEmbeddedDatabase(data)) {
            url = ((HikariDataSource) app.context().getBean(DataSource.class)).getJdbcUrl();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
            firstPassword = Files.readString(passwordFile).strip();
            assertRefusedWithoutPassword(url);
            try (Connection c = DriverManager.getConnection(url, "postgres", firstPassword)) {
                assertTrue(c.isValid(5));
            }
            Fixture f = Fixture.create(app, "Password district");
            f.deliver(Fixture.SAMPLE);
            assertEquals("succeeded", f.run().get("status"), "the app still works");
            oldInboxFile = app.dataDir().resolve("inbox").resolve(f.sourceId().toString()).resolve("users.csv");
        }

        // the cluster as a release before this change left it: pg_hba trusting every local user, no password file, and
        // an inbox file any local user could read
        Files.writeString(data.resolve("postgres-15").resolve("pg_hba.conf"), """
                local   all   all                 trust
                host    all   all   127.0.0.1/32  trust
                host    all   all   ::1/128       trust
                """);
        Files.delete(passwordFile);
        Files.setPosixFilePermissions(oldInboxFile, PosixFilePermissions.fromString("rw-r--r--"));

        try (RunningApp.App again = RunningApp.startOnEmbeddedDatabase(data)) {
            url = ((HikariDataSource) again.context().getBean(DataSource.class)).getJdbcUrl();
            String password = Files.readString(passwordFile).strip();
            assertNotEquals(firstPassword, password, "a new password was made");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
            assertRefusedWithoutPassword(url);
            try (Connection c = DriverManager.getConnection(url, "postgres", password)) {
                assertTrue(c.isValid(5));
            }
            assertEquals(200, again.adminGet("/api/tenants").status(), "the app still works");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(oldInboxFile)));
        }
    }

    /** pg_hba.conf is reloaded a moment after it is written: wait for the refusal, or fail. */
    private static void assertRefusedWithoutPassword(String url) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        String last = null;
        while (Instant.now().isBefore(deadline)) {
            try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
                last = "connected without a password";
            } catch (SQLException refused) {
                if (String.valueOf(refused.getMessage()).contains("password")) {
                    return;
                }
                last = refused.getMessage();
            }
            Thread.sleep(50);
        }
        throw new AssertionError(last);
    }
}
