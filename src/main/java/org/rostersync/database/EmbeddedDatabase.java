package org.rostersync.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL 15 server started from the binaries packaged in the jar. Its cluster lives under
 * {@code <dataDir>/postgres-15} (one folder per major version: a cluster made by another major version will not start),
 * so the roster survives restarts.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedDatabase start(Path dataDir) {
        Path cluster = dataDir.resolve("postgres-15");
        Path runtime = dataDir.resolve("postgres-runtime");
        try {
            Files.createDirectories(runtime);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(cluster)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(runtime.toFile())
                    .setServerConfig("max_connections", "50")
                    // zonky's defaults are for throwaway test databases (fsync and synchronous_commit off); this one keeps
                    // the roster, so a committed run must survive a crash.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // a night's import writes a few GB of WAL: fewer checkpoints during it, so fewer full-page images
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("shared_buffers", "256MB")
                    .start();
            return new EmbeddedDatabase(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + cluster
                    + " (set ROSTERSYNC_DB_URL to use an external server)", e);
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
