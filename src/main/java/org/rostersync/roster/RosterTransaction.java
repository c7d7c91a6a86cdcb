package org.rostersync.roster;

import org.rostersync.oneroster.RosterFile;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * All roster writes of one run, in one PostgreSQL transaction: either every file's changes are committed or none.
 * Holds a transaction-scoped advisory lock on the source, so two runs of one source never interleave, on any instance.
 */
public final class RosterTransaction implements AutoCloseable {

    private final Connection connection;
    private final UUID tenantId;
    private final UUID sourceId;
    private final UUID runId;
    private final Instant now;
    private final Checkpoint checkpoint;
    /** Where large loads keep their parts on disk. */
    private final java.nio.file.Path scratch;
    private boolean committed;
    /** The files loaded so far: the tables where this run's inserts are. */
    private final java.util.EnumSet<RosterFile> loaded = java.util.EnumSet.noneOf(RosterFile.class);

    private RosterTransaction(Connection connection, UUID tenantId, UUID sourceId, UUID runId, Instant now, Checkpoint checkpoint,
                              java.nio.file.Path scratch) {
        this.runId = runId;
        this.scratch = scratch;
        this.connection = connection;
        this.tenantId = tenantId;
        this.sourceId = sourceId;
        this.now = now;
        this.checkpoint = checkpoint;
    }

    /**
     * Begins the transaction.
     *
     * @param runId   the run writing: each record it inserts carries it, and what it changes is logged under it
     * @param scratch where large loads keep their parts on disk (the run's scratch folder)
     * @throws SourceBusyException when another run of the source holds the lock
     */
    public static RosterTransaction begin(DataSource dataSource, UUID tenantId, UUID sourceId, UUID runId, Checkpoint checkpoint,
                                          java.nio.file.Path scratch) throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtextextended(?, 0))")) {
                ps.setString(1, "run:" + sourceId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        throw new SourceBusyException(sourceId);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SET LOCAL work_mem = '128MB'")) {
                // Hash joins and sorts of a whole file stay in memory instead of spilling to disk.
                ps.execute();
            }
            Instant now;
            try (PreparedStatement ps = c.prepareStatement("SELECT now()"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                now = rs.getTimestamp(1).toInstant();
            }
            return new RosterTransaction(c, tenantId, sourceId, runId, now, checkpoint, scratch);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            c.close();
            throw e;
        }
    }

    /**
     * Starts loading one file: rows go to the roster through COPY until {@link FileLoad#finish}.
     *
     * @param deletes    false when the source never deletes: records a bulk file no longer lists stay active
     * @param outOfScope schools outside the source's school mapping: a bulk file's missing records of theirs are left alone
     * @param expectedRows about how many rows the file has, so that the index is sized once
     * @param partRecords  records compared in memory at once: a larger load is compared part by part
     */
    public FileLoad load(RosterFile file, boolean bulk, boolean deletes, java.util.Set<String> outOfScope, long expectedRows,
                         long partRecords) throws SQLException {
        loaded.add(file);
        return new FileLoad(connection, file, bulk, deletes, outOfScope, tenantId, sourceId, runId, now,
                expectedRows, checkpoint, partRecords, scratch);
    }

    /** Runs more SQL in this transaction, so that it commits or rolls back with the roster (e.g. marking the run applied). */
    public <T> T alsoInThisTransaction(SqlWork<T> work) throws SQLException {
        return work.run(connection);
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    public void commit() throws SQLException {
        checkpoint.reached("commit:before");
        // last, so that two sources of the tenant wait on the stamp's row only for each other's commit
        Counts.raise(connection, tenantId);
        connection.commit();
        committed = true;
        checkpoint.reached("commit:after");
    }

    /**
     * Approving a held run: its change log (what the operator saw) is set aside, so that the run computed again logs
     * afresh; {@link #differencesFromHeld} compares the two before the commit. Call before the first load.
     */
    public void setAsideHeldChanges() throws SQLException {
        ChangeLog.setAsideHeld(connection, runId);
    }

    /**
     * How many records this run would change otherwise than its held change log said (see {@link #setAsideHeldChanges}):
     * 0 when approving applies exactly what was shown.
     */
    public long differencesFromHeld() throws SQLException {
        return ChangeLog.differencesFromHeld(connection, runId, tenantId, sourceId, loaded);
    }

    /**
     * A held run: rolls the roster back, but keeps what the run would have changed, its inserts included, as its change
     * log: what approving it would do.
     */
    public void rollBackKeepingChanges() throws SQLException, java.io.IOException {
        ChangeLog.logInserts(connection, runId, tenantId, sourceId, loaded);
        java.nio.file.Path kept = java.nio.file.Files.createTempFile(scratch, "held-changes", ".copy");
        try {
            ChangeLog.copyOut(connection, runId, kept);
            connection.rollback();
            ChangeLog.copyIn(connection, kept);
            connection.commit();
            committed = true;
        } finally {
            java.nio.file.Files.deleteIfExists(kept);
        }
    }

    /** Rolls back unless committed, and returns the connection to the pool. */
    @Override
    public void close() throws SQLException {
        try {
            if (!committed) {
                connection.rollback();
            }
        } finally {
            connection.close();
        }
    }
}
