package org.rostersync.report;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for runs, their file counts and issues. */
@Singleton
public class RunStore {

    private static final String RUN_COLUMNS = "id, source_id, status, created_at, started_at, finished_at, message, decided_by,"
            + " decided_at, progress_file, progress_rows, archive_removed_at, trigger, scheduled_for";

    private final DataSource dataSource;

    RunStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Queues a run an operator asked for. */
    public Run create(UUID tenantId, UUID sourceId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return find(insert(c, tenantId, sourceId, RunTrigger.manual, null, null)).orElseThrow();
        }
    }

    /**
     * Queues a run on the connection of a transaction that decided it (a schedule's instant, a delivery's arrival), so
     * that the run exists exactly when the decision is committed.
     *
     * @param scheduledFor the instant a timed run was scheduled for
     * @param fingerprint  the delivery an arrival run was started for
     */
    public static UUID insert(Connection c, UUID tenantId, UUID sourceId, RunTrigger trigger, Instant scheduledFor, String fingerprint)
            throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO run (id, tenant_id, source_id, status, trigger, scheduled_for,"
                + " delivery_fingerprint) VALUES (?, ?, ?, 'queued', ?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setObject(2, tenantId);
            ps.setObject(3, sourceId);
            ps.setString(4, trigger.name());
            ps.setTimestamp(5, scheduledFor == null ? null : Timestamp.from(scheduledFor));
            ps.setString(6, fingerprint);
            ps.executeUpdate();
        }
        return id;
    }

    /** A queued run an instance took to execute. {@code approved}: an operator approved it after it was held. */
    public record Claimed(UUID runId, UUID sourceId, RunTrigger trigger, boolean approved) {
    }

    /**
     * Takes the oldest queued run for this instance, marking it running with the instance as its executor; each queued
     * run is taken by exactly one instance. A run waits while another run of its source is running.
     */
    public Optional<Claimed> claim(long executor) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // claims take turns across instances: the check that no run of the source is running then sees every
                // claim committed before it (two claims at once could each miss the other's)
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended('rostersync:claim', 0))")) {
                    lock.executeQuery().close();
                }
                Optional<Claimed> claimed = claimIn(c, executor);
                c.commit();
                return claimed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static Optional<Claimed> claimIn(Connection c, long executor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                     UPDATE run SET status = 'running', started_at = now(), executor = ?
                     WHERE id = (SELECT r.id FROM run r WHERE r.status = 'queued'
                                 AND NOT EXISTS (SELECT 1 FROM run o WHERE o.source_id = r.source_id AND o.status = 'running')
                                 ORDER BY r.created_at, r.id LIMIT 1 FOR UPDATE SKIP LOCKED)
                     AND status = 'queued'
                     RETURNING id, source_id, trigger, decided_by IS NOT NULL""")) {
            ps.setLong(1, executor);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Claimed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        RunTrigger.valueOf(rs.getString(3)), rs.getBoolean(4))) : Optional.empty();
            }
        }
    }

    /** A running run and the instance executing it (null: from before instances recorded themselves). */
    public record Executing(UUID runId, Long executor) {
    }

    public List<Executing> running() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, executor FROM run WHERE status = 'running'");
             ResultSet rs = ps.executeQuery()) {
            List<Executing> out = new ArrayList<>();
            while (rs.next()) {
                long executor = rs.getLong(2);
                out.add(new Executing(rs.getObject(1, UUID.class), rs.wasNull() ? null : executor));
            }
            return out;
        }
    }

    /** The digest of the delivery a run reads. */
    public void recordDelivery(UUID runId, String fingerprint) throws SQLException {
        execute("UPDATE run SET delivery_fingerprint = ? WHERE id = ?", fingerprint, runId);
    }

    /** The source's last applied run and the digest of the delivery it read, if any run was applied. */
    public record Applied(UUID runId, Instant finishedAt, String fingerprint) {
    }

    public Optional<Applied> lastApplied(UUID sourceId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, finished_at, delivery_fingerprint FROM run WHERE source_id = ?"
                     + " AND status IN ('succeeded', 'succeeded_with_issues') ORDER BY finished_at DESC LIMIT 1")) {
            ps.setObject(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Applied(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    /** Ends a run: its status, message, file counts and issues, in one transaction. */
    public void finish(UUID runId, RunStatus status, String message, List<FileCounts> files, List<Issue> issues, List<Run.Phase> phases)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE run SET status = ?, message = ?, finished_at = now(), started_at = coalesce(started_at, now()),"
                                + " progress_file = NULL, progress_rows = NULL WHERE id = ?")) {
                    ps.setString(1, status.name());
                    ps.setString(2, message);
                    ps.setObject(3, runId);
                    ps.executeUpdate();
                }
                // an approved run is computed again: its new counts and issues replace those it was held with
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM run_file WHERE run_id = ?")) {
                    ps.setObject(1, runId);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM run_issue WHERE run_id = ?")) {
                    ps.setObject(1, runId);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM run_phase WHERE run_id = ?")) {
                    ps.setObject(1, runId);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_phase (run_id, position, name, millis) VALUES (?, ?, ?, ?)")) {
                    int position = 0;
                    for (Run.Phase phase : phases) {
                        ps.setObject(1, runId);
                        ps.setInt(2, position++);
                        ps.setString(3, phase.name());
                        ps.setLong(4, phase.millis());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                insertFiles(c, runId, files);
                insertIssues(c, runId, issues);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** How far a running run has read: the file and its rows so far. */
    public void progress(UUID runId, String file, long rows) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE run SET progress_file = ?, progress_rows = ? WHERE id = ? AND status = 'running'")) {
            ps.setString(1, file);
            ps.setLong(2, rows);
            ps.setObject(3, runId);
            ps.executeUpdate();
        }
    }

    /** Every issue of a run, in order, to a consumer (for an export of any size). */
    public void forEachIssue(UUID runId, java.util.function.Consumer<Issue> consumer) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // a cursor: fetched in batches, never all at once
            try (PreparedStatement ps = c.prepareStatement("SELECT file, line, sourced_id, column_name, code, outcome, message, value"
                    + " FROM run_issue WHERE run_id = ? ORDER BY seq")) {
                ps.setFetchSize(1000);
                ps.setObject(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        consumer.accept(issue(rs));
                    }
                }
            } finally {
                c.rollback();
            }
        }
    }

    /** Runs whose archive may go: finished before the time, not held (a held run needs its archive to be approved). */
    /** The runs whose archive is past its keeping time: finished before {@code before}, or failed before {@code failedBefore}. */
    public List<UUID> archivesOlderThan(Instant before, Instant failedBefore) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM run WHERE archive_removed_at IS NULL"
                     + " AND status NOT IN ('held', 'queued', 'running')"
                     + " AND (finished_at < ? OR (status = 'failed' AND finished_at < ?))")) {
            ps.setTimestamp(1, Timestamp.from(before));
            ps.setTimestamp(2, Timestamp.from(failedBefore));
            List<UUID> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, UUID.class));
                }
            }
            return out;
        }
    }

    public void archiveRemoved(UUID runId) throws SQLException {
        execute("UPDATE run SET archive_removed_at = now() WHERE id = ?", runId);
    }

    /** Keeps the settings (JSON) a run computes with. */
    public void saveSettings(UUID runId, String settings) throws SQLException {
        execute("UPDATE run SET settings = ? WHERE id = ?", settings, runId);
    }

    public Optional<String> settings(UUID runId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT settings FROM run WHERE id = ?")) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * Decides a held run: {@code queued} to apply it, or {@code discarded}. Only a held run can be decided, and only while
     * no later run of its source was applied (the roster it was computed against must still be the one it would change).
     *
     * @return what stands in the way, or empty when the run was decided
     */
    public Optional<String> decide(UUID runId, RunStatus to, String by) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                String refusal = null;
                try (PreparedStatement ps = c.prepareStatement("""
                        SELECT r.status, EXISTS (SELECT 1 FROM run later WHERE later.source_id = r.source_id
                               AND later.status IN ('succeeded', 'succeeded_with_issues') AND later.finished_at > r.finished_at)
                        FROM run r WHERE r.id = ? FOR UPDATE""")) {
                    ps.setObject(1, runId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (!"held".equals(rs.getString(1))) {
                            refusal = "run " + runId + " is " + rs.getString(1) + ": only a held run can be approved or discarded";
                        } else if (to == RunStatus.queued && rs.getBoolean(2)) {
                            refusal = "a later run of this source has been applied since run " + runId
                                    + " was computed; discard it, or start a new run";
                        }
                    }
                }
                if (refusal == null) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE run SET status = ?, decided_by = ?, decided_at = now(),"
                            + " message = CASE WHEN ? = 'discarded' THEN 'discarded by ' || ? || ': nothing was applied' ELSE message END"
                            + " WHERE id = ?")) {
                        ps.setString(1, to.name());
                        ps.setString(2, by);
                        ps.setString(3, to.name());
                        ps.setString(4, by);
                        ps.setObject(5, runId);
                        ps.executeUpdate();
                    }
                }
                c.commit();
                return Optional.ofNullable(refusal);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Marks the run applied, on the connection of the transaction that applies it. */
    public static int markApplied(Connection c, UUID runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE run SET applied_at = now() WHERE id = ?")) {
            ps.setObject(1, runId);
            return ps.executeUpdate();
        }
    }

    /**
     * Ends a run whose instance stopped while executing it (a crash, a kill, a restart), saying truly whether its
     * roster changes were committed before the stop: only a run still running is ended.
     *
     * @return whether the run was ended here
     */
    public boolean endInterrupted(UUID runId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     UPDATE run SET finished_at = now(), progress_file = NULL, progress_rows = NULL,
                            status = CASE WHEN applied_at IS NULL THEN 'failed' ELSE 'succeeded_with_issues' END,
                            message = CASE WHEN applied_at IS NULL
                                THEN 'rostersync stopped before this run finished; nothing was applied'
                                ELSE 'applied: the roster changes were committed at ' || applied_at || ', but rostersync stopped'
                                     || ' before it recorded this run''s counts and issues; run the delivery again to see them' END
                     WHERE id = ? AND status = 'running'""")) {
            ps.setObject(1, runId);
            return ps.executeUpdate() == 1;
        }
    }

    public Optional<Run> find(UUID runId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + RUN_COLUMNS + " FROM run WHERE id = ?")) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(readRun(rs, files(c, runId), phases(c, runId)));
            }
        }
    }

    /** The tenant a run belongs to, for checks of access. */
    public Optional<UUID> tenantOf(UUID runId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT tenant_id FROM run WHERE id = ?")) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    /** A source's runs, newest first. */
    public List<Run> forSource(UUID sourceId, int limit) throws SQLException {
        return runs("source_id = ? ORDER BY created_at DESC, id LIMIT ?", sourceId, limit);
    }

    /** The runs that match {@code where} (with its order and limit), each whole. */
    private List<Run> runs(String where, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + RUN_COLUMNS + " FROM run WHERE " + where)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Run> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    out.add(readRun(rs, files(c, id), phases(c, id)));
                }
            }
            return out;
        }
    }

    /** A source's runs in a status, oldest first (for example those still held). */
    public List<Run> inStatus(UUID sourceId, RunStatus status, int limit) throws SQLException {
        return runs("source_id = ? AND status = ? ORDER BY created_at, id LIMIT ?", sourceId, status.name(), limit);
    }

    /** One row of {@code SELECT file, line, sourced_id, column_name, code, outcome, message, value FROM run_issue}. */
    private static Issue issue(ResultSet rs) throws SQLException {
        long number = rs.getLong(2);
        Long line = rs.wasNull() ? null : number;
        return new Issue(rs.getString(1), line, rs.getString(3), rs.getString(4), rs.getString(5), Outcome.valueOf(rs.getString(6)),
                rs.getString(7), rs.getString(8));
    }

    /** The run's issues whose code starts with the prefix, in the order they were found. */
    public List<Issue> issuesWithCode(UUID runId, String prefix, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT file, line, sourced_id, column_name, code, outcome, message, value
                     FROM run_issue WHERE run_id = ? AND starts_with(code, ?) ORDER BY seq LIMIT ?""")) {
            ps.setObject(1, runId);
            ps.setString(2, prefix);
            ps.setInt(3, limit);
            List<Issue> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(issue(rs));
                }
            }
            return out;
        }
    }

    /** The run's most frequent issue codes with their outcome and count, most frequent first. */
    public List<IssueCount> issueCounts(UUID runId, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT code, outcome, count(*) FROM run_issue WHERE run_id = ?
                     GROUP BY code, outcome ORDER BY count(*) DESC, code, outcome LIMIT ?""")) {
            ps.setObject(1, runId);
            ps.setInt(2, limit);
            List<IssueCount> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new IssueCount(rs.getString(1), Outcome.valueOf(rs.getString(2)), rs.getLong(3)));
                }
            }
            return out;
        }
    }

    public IssuePage issues(UUID runId, int limit, int offset) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM run_issue WHERE run_id = ?")) {
                ps.setObject(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Issue> issues = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT file, line, sourced_id, column_name, code, outcome, message, value
                    FROM run_issue WHERE run_id = ? ORDER BY seq LIMIT ? OFFSET ?""")) {
                ps.setObject(1, runId);
                ps.setInt(2, limit);
                ps.setInt(3, offset);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        issues.add(issue(rs));
                    }
                }
            }
            return new IssuePage(issues, total);
        }
    }

    /** How many of the run's issues match the filter. */
    public long countIssues(UUID runId, IssueFilter filter) throws SQLException {
        List<Object> values = new ArrayList<>();
        String where = where(runId, filter, values);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM run_issue" + where)) {
            bind(ps, values);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A page of issues that match a filter, and the position to continue from (null on the last page). */
    public record IssuePageAfter(List<IssueSlice.Numbered> issues, @Nullable Integer after) {
    }

    /**
     * The issues after position {@code after} (null: from the first) that match the filter. Pages continue from the last
     * position shown, through the primary key, so the thousandth page of a run with 100,000 issues costs what the first
     * does.
     */
    public IssuePageAfter issuesAfter(UUID runId, IssueFilter filter, @Nullable Integer after, int limit) throws SQLException {
        List<Object> values = new ArrayList<>();
        String where = where(runId, filter, values);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT file, line, sourced_id, column_name, code, outcome, message, value, seq"
                     + " FROM run_issue" + where + (after == null ? "" : " AND seq > ?") + " ORDER BY seq LIMIT ?")) {
            int next = bind(ps, values);
            if (after != null) {
                ps.setInt(next++, after);
            }
            ps.setInt(next, limit + 1);
            List<IssueSlice.Numbered> issues = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    issues.add(new IssueSlice.Numbered(rs.getInt(9), issue(rs)));
                }
            }
            Integer more = null;
            if (issues.size() > limit) {
                issues.remove(limit);
                more = issues.get(limit - 1).seq();
            }
            return new IssuePageAfter(issues, more);
        }
    }

    /** How many issues the run lists per file, code and outcome. */
    public List<IssueGroup> issueGroups(UUID runId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT file, code, outcome, count(*) FROM run_issue WHERE run_id = ? GROUP BY file, code, outcome")) {
            ps.setObject(1, runId);
            List<IssueGroup> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new IssueGroup(rs.getString(1), rs.getString(2), Outcome.valueOf(rs.getString(3)), rs.getLong(4)));
                }
            }
            return out;
        }
    }

    /** The WHERE clause of a filter, its values added to {@code values} in order. */
    private static String where(UUID runId, IssueFilter filter, List<Object> values) {
        StringBuilder where = new StringBuilder(" WHERE run_id = ?");
        values.add(runId);
        if (filter.file() != null) {
            where.append(" AND file = ?");
            values.add(filter.file());
        }
        if (filter.outcome() != null) {
            where.append(" AND outcome = ?");
            values.add(filter.outcome().name());
        }
        if (filter.code() != null) {
            where.append(filter.code().endsWith(".") ? " AND starts_with(code, ?)" : " AND code = ?");
            values.add(filter.code());
        }
        if (filter.sourcedId() != null) {
            where.append(" AND starts_with(sourced_id, ?)");
            values.add(filter.sourcedId());
        }
        return where.toString();
    }

    /** @return the next parameter index */
    private static int bind(PreparedStatement ps, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setObject(i + 1, values.get(i));
        }
        return values.size() + 1;
    }

    private static List<Run.Phase> phases(Connection c, UUID runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT name, millis FROM run_phase WHERE run_id = ? ORDER BY position")) {
            ps.setObject(1, runId);
            List<Run.Phase> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Run.Phase(rs.getString(1), rs.getLong(2)));
                }
            }
            return out;
        }
    }

    private static List<FileCounts> files(Connection c, UUID runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT name, mode, rows, inserted, updated, unchanged, deleted, restored, skipped, errors, warnings, active_before,
                       read_millis, merge_millis
                FROM run_file WHERE run_id = ? ORDER BY position""")) {
            ps.setObject(1, runId);
            List<FileCounts> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new FileCounts(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12),
                            rs.getLong(13), rs.getLong(14)));
                }
            }
            return out;
        }
    }

    private static Run readRun(ResultSet rs, List<FileCounts> files, List<Run.Phase> phases) throws SQLException {
        long rows = rs.getLong(11);
        Long progressRows = rs.wasNull() ? null : rows;
        return new Run(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), RunStatus.valueOf(rs.getString(3)),
                instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)), rs.getString(7), files,
                rs.getString(8), instant(rs.getTimestamp(9)), phases, rs.getString(10), progressRows, instant(rs.getTimestamp(12)),
                RunTrigger.valueOf(rs.getString(13)), instant(rs.getTimestamp(14)));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    private static void insertFiles(Connection c, UUID runId, List<FileCounts> files) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO run_file (run_id, position, name, mode, rows, inserted, updated, unchanged, deleted, restored, skipped,
                                      errors, warnings, active_before, read_millis, merge_millis)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            int position = 0;
            for (FileCounts f : files) {
                ps.setObject(1, runId);
                ps.setInt(2, position++);
                ps.setString(3, f.name());
                ps.setString(4, f.mode());
                ps.setLong(5, f.rows());
                ps.setLong(6, f.inserted());
                ps.setLong(7, f.updated());
                ps.setLong(8, f.unchanged());
                ps.setLong(9, f.deleted());
                ps.setLong(10, f.restored());
                ps.setLong(11, f.skipped());
                ps.setLong(12, f.errors());
                ps.setLong(13, f.warnings());
                ps.setLong(14, f.activeBefore());
                ps.setLong(15, f.readMillis());
                ps.setLong(16, f.mergeMillis());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Issues are sent as arrays, this many a statement: one round trip and one statement for each part. */
    static final int ISSUES_PER_STATEMENT = 10_000;

    /**
     * Writes the run's issues in their order. Each part of up to {@link #ISSUES_PER_STATEMENT} is one statement over
     * arrays ({@code unnest}), not a row per batched INSERT: a run can list 100,000 issues, and row by row they took a
     * second or more.
     */
    private static void insertIssues(Connection c, UUID runId, List<Issue> issues) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO run_issue (run_id, seq, file, line, sourced_id, column_name, code, outcome, message, value)
                SELECT ?, ? + t.ord::integer - 1, t.file, t.line, t.sourced_id, t.column_name, t.code, t.outcome, t.message, t.value
                FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                     WITH ORDINALITY AS t(file, line, sourced_id, column_name, code, outcome, message, value, ord)""")) {
            for (int from = 0; from < issues.size(); from += ISSUES_PER_STATEMENT) {
                List<Issue> part = issues.subList(from, Math.min(issues.size(), from + ISSUES_PER_STATEMENT));
                int n = part.size();
                String[] file = new String[n];
                Long[] line = new Long[n];
                String[] sourcedId = new String[n];
                String[] column = new String[n];
                String[] code = new String[n];
                String[] outcome = new String[n];
                String[] message = new String[n];
                String[] value = new String[n];
                for (int i = 0; i < n; i++) {
                    Issue issue = part.get(i);
                    file[i] = issue.file();
                    line[i] = issue.line();
                    sourcedId[i] = issue.sourcedId();
                    column[i] = issue.column();
                    code[i] = issue.code();
                    outcome[i] = issue.outcome().name();
                    message[i] = issue.message();
                    value[i] = issue.value();
                }
                ps.setObject(1, runId);
                ps.setInt(2, from);
                ps.setArray(3, c.createArrayOf("text", file));
                ps.setArray(4, c.createArrayOf("int8", line));
                ps.setArray(5, c.createArrayOf("text", sourcedId));
                ps.setArray(6, c.createArrayOf("text", column));
                ps.setArray(7, c.createArrayOf("text", code));
                ps.setArray(8, c.createArrayOf("text", outcome));
                ps.setArray(9, c.createArrayOf("text", message));
                ps.setArray(10, c.createArrayOf("text", value));
                ps.executeUpdate();
            }
        }
    }

    private void execute(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }
}
