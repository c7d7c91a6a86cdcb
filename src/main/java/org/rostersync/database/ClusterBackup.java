package org.rostersync.database;

import org.rostersync.config.PrivateFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A copy of the embedded PostgreSQL's cluster taken while it runs: PostgreSQL's own online base backup
 * ({@code pg_backup_start}, a copy of the cluster's files, {@code pg_backup_stop}, then the WAL written meanwhile), the
 * same method as {@code pg_basebackup}, done by hand because the binaries packaged in the jar are only {@code initdb},
 * {@code pg_ctl} and {@code postgres} (no {@code pg_dump} or {@code pg_basebackup}). A temporary replication slot keeps
 * every WAL segment from before the backup's start until it is copied. The copy is consistent as of the moment
 * {@code pg_backup_stop} returned: PostgreSQL replays the copied WAL up to that point when it first starts on it.
 * <p>
 * When no rostersync runs on the data directory, its cluster is started here for the copy and stopped after.
 */
public final class ClusterBackup {

    /** The cluster's folder under the data directory (see {@link EmbeddedDatabase}). */
    public static final String CLUSTER = "postgres-15";
    /** The embedded server's working folder: nothing in it outlives the server. */
    public static final String RUNTIME = "postgres-runtime";

    /**
     * What PostgreSQL's documentation says a base backup leaves out: the server's lock and options, its WAL (copied
     * apart, after the backup ends), and folders whose contents a server remakes at start.
     */
    private static final Set<String> FILES_LEFT_OUT = Set.of("postmaster.pid", "postmaster.opts", "backup_label",
            "tablespace_map", "pg_internal.init");
    private static final Set<String> FOLDERS_EMPTIED = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify",
            "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans");

    private ClusterBackup() {
    }

    /** What a finished copy says about itself. */
    public record Copied(String endLsn, String schemaVersion) {
    }

    /** Whether a PostgreSQL runs on the data directory's cluster now (a rostersync is using it). */
    public static boolean isRunning(Path dataDir) {
        return runningPort(dataDir.resolve(CLUSTER)).isPresent();
    }

    /**
     * Copies the data directory's cluster into {@code target} (which must not exist), consistent as of the end of the
     * copy, whether a rostersync is running on it or not.
     */
    public static Copied copy(Path dataDir, Path target) {
        Path cluster = dataDir.resolve(CLUSTER);
        if (!Files.exists(cluster.resolve("PG_VERSION"))) {
            throw new IllegalStateException("there is no embedded PostgreSQL cluster in " + cluster
                    + " (is this rostersync's data directory? with ROSTERSYNC_DB_URL set, back up that server instead)");
        }
        Optional<Integer> port = runningPort(cluster);
        if (port.isPresent()) {
            String password = DatabasePassword.readOrCreate(dataDir).value();
            return copy(cluster, target, "jdbc:postgresql://localhost:" + port.get() + "/postgres", password);
        }
        // nobody runs on it: start it for the copy (which also takes its lock, so no rostersync starts meanwhile)
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir)) {
            return copy(cluster, target, database.jdbcUrl(), database.password());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the embedded PostgreSQL after the backup", e);
        }
    }

    /**
     * Starts the embedded PostgreSQL on a restored data directory, which replays the backup's WAL, checks that it
     * answers, and stops it cleanly: the next start of rostersync finds a cluster like any other.
     *
     * @return the schema version the restored database is at
     */
    public static String recover(Path dataDir) {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir);
             Connection c = DriverManager.getConnection(database.jdbcUrl(), "postgres", database.password())) {
            return schemaVersion(c);
        } catch (SQLException e) {
            throw new IllegalStateException("the restored PostgreSQL started but cannot be read: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the restored PostgreSQL", e);
        }
    }

    private static Copied copy(Path cluster, Path target, String url, String password) {
        String slot = "rostersync_backup_" + ProcessHandle.current().pid();
        try (Connection c = DriverManager.getConnection(url, "postgres", password); Statement s = c.createStatement()) {
            // temporary: dropped when this connection closes, whatever happens to the copy
            s.execute("SELECT pg_create_physical_replication_slot('" + slot + "', true, true)");
            String startWal;
            try (ResultSet r = s.executeQuery("SELECT pg_walfile_name(pg_backup_start('rostersync backup', true))")) {
                r.next();
                startWal = r.getString(1);
            }
            String schemaVersion = schemaVersion(c);
            copyClusterFiles(cluster, target);
            String endLsn;
            String endWal;
            String label;
            String tablespaceMap;
            try (ResultSet r = s.executeQuery(
                    "SELECT lsn::text, pg_walfile_name(lsn), labelfile, spcmapfile FROM pg_backup_stop(false)")) {
                r.next();
                endLsn = r.getString(1);
                endWal = r.getString(2);
                label = r.getString(3);
                tablespaceMap = r.getString(4);
            }
            Files.writeString(target.resolve("backup_label"), label, StandardCharsets.UTF_8);
            if (tablespaceMap != null && !tablespaceMap.isBlank()) {
                Files.writeString(target.resolve("tablespace_map"), tablespaceMap, StandardCharsets.UTF_8);
            }
            copyWal(cluster.resolve("pg_wal"), target.resolve("pg_wal"), startWal, endWal);
            return new Copied(endLsn, schemaVersion);
        } catch (SQLException e) {
            throw new IllegalStateException("the embedded PostgreSQL refused the backup: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the embedded PostgreSQL's files into " + target, e);
        }
    }

    private static String schemaVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM flyway_schema_history WHERE success"
                + " AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1");
             ResultSet r = ps.executeQuery()) {
            return r.next() ? r.getString(1) : "none";
        }
    }

    /** The cluster's files as they are while the backup is open: PostgreSQL's WAL replay makes them consistent. */
    private static void copyClusterFiles(Path cluster, Path target) throws IOException {
        Files.walkFileTree(cluster, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path copy = target.resolve(cluster.relativize(dir).toString());
                Files.createDirectories(copy, PrivateFiles.FOLDER);
                return !dir.equals(cluster) && FOLDERS_EMPTIED.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = file.getFileName().toString();
                if (attrs.isRegularFile() && !FILES_LEFT_OUT.contains(name) && !name.startsWith("pgsql_tmp")) {
                    copyIfPresent(file, target.resolve(cluster.relativize(file).toString()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                // a table dropped or a temporary file removed meanwhile: the WAL replay knows it is gone
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        Files.createDirectories(target.resolve("pg_wal").resolve("archive_status"), PrivateFiles.FOLDER);
    }

    /**
     * The WAL segments from the one the backup started in to the one it ended in (the slot kept them all), and the
     * timeline history files; the others in {@code pg_wal} are older or recycled, and not needed.
     */
    private static void copyWal(Path wal, Path target, String startWal, String endWal) throws IOException {
        List<Path> files;
        try (var list = Files.list(wal)) {
            files = list.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            boolean segment = name.matches("[0-9A-F]{24}") && name.compareTo(startWal) >= 0 && name.compareTo(endWal) <= 0;
            if (segment || name.endsWith(".history")) {
                copyIfPresent(file, target.resolve(name));
            }
        }
    }

    private static void copyIfPresent(Path file, Path copy) throws IOException {
        try {
            Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
        } catch (NoSuchFileException removedMeanwhile) {
            // see visitFileFailed
        }
    }

    /**
     * The port of the server running on the cluster, from its {@code postmaster.pid} (line 4), when the process it names
     * is alive; empty when none runs (no file, or one a killed server left).
     */
    private static Optional<Integer> runningPort(Path cluster) {
        Path pid = cluster.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pid, StandardCharsets.UTF_8);
            if (lines.size() < 4 || ProcessHandle.of(Long.parseLong(lines.get(0).strip())).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(Integer.parseInt(lines.get(3).strip()));
        } catch (NoSuchFileException none) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read " + pid + " to find the running embedded PostgreSQL: " + e, e);
        }
    }
}
