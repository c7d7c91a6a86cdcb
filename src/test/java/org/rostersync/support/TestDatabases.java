package org.rostersync.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/**
 * One PostgreSQL server per test JVM, holding a database with every migration applied. Each application a test starts
 * gets its own database cloned from that template ({@code CREATE DATABASE ... TEMPLATE}, tens of milliseconds), where an
 * embedded cluster of its own would cost an initdb and every migration (about 2 s). An application restarted on the data
 * directory a first one left gets the first one's database back, so a restart still finds what was committed.
 * <p>
 * The embedded cluster itself (initdb, its password, a restart on an existing cluster) is what
 * {@code EmbeddedDatabaseTest} and the packaged jar's tests start; every other test only needs a PostgreSQL.
 */
final class TestDatabases {

    private static final String TEMPLATE = "rostersync_template";
    private static final String USER = "postgres";

    private final EmbeddedPostgres server;

    private TestDatabases(EmbeddedPostgres server) {
        this.server = server;
    }

    /** The JVM's server, started and migrated by the first test that asks (the holder idiom: started once, never replaced). */
    static TestDatabases shared() {
        return Shared.INSTANCE;
    }

    private static final class Shared {
        static final TestDatabases INSTANCE = start();
    }

    private static TestDatabases start() {
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(Path.of("target", "test-postgres", UUID.randomUUID().toString()))
                    .setCleanDataDirectory(true)
                    // an application a test starts holds a pool of up to ten; a few live at once (two instances, restarts)
                    .setServerConfig("max_connections", "300")
                    .start();
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + TEMPLATE);
            }
            Flyway.configure().dataSource(server.getJdbcUrl(USER, TEMPLATE), USER, null)
                    .locations("classpath:db/migration").load().migrate();
            return new TestDatabases(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the tests' PostgreSQL", e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make the tests' template database", e);
        }
    }

    /**
     * The settings that point an application on {@code dataDir} at its own database, cloned from the template the first
     * time that data directory is seen.
     */
    Map<String, Object> settingsFor(Path dataDir) {
        String name = "app_" + digest(dataDir.toAbsolutePath().normalize().toString());
        try (Connection c = server.getPostgresDatabase().getConnection()) {
            boolean exists;
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (!exists) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make the database " + name + " for " + dataDir, e);
        }
        // the server trusts local connections; a password is set only because the settings are copied into Map.of
        return Map.of("rostersync.db.url", server.getJdbcUrl(USER, name), "rostersync.db.user", USER,
                "rostersync.db.password", "unused");
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
