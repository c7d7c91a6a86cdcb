package org.rostersync.report;

import jakarta.inject.Singleton;
import org.rostersync.database.Db;
import org.rostersync.database.Row;
import org.rostersync.database.Statements;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** SQL of a run's lifecycle, from the delivery it reads to its end with file counts and issues, and of reading runs. */
@Singleton
public class RunStore {

    private static final String RUN_COLUMNS = "id, source_id, status, created_at, started_at, finished_at, message, decided_by,"
            + " decided_at, progress_file, progress_rows, archive_removed_at, trigger, scheduled_for";

    private final Db db;

    RunStore(Db db) {
        this.db = db;
    }

    /** The digest of the delivery a run reads. */
    public void recordDelivery(UUID runId, String fingerprint) {
        db.update("UPDATE run SET delivery_fingerprint = ? WHERE id = ?", fingerprint, runId);
    }

    /** The source's last applied run and the digest of the delivery it read, if any run was applied. */
    public record Applied(UUID runId, Instant finishedAt, String fingerprint) {
    }

    public Optional<Applied> lastApplied(UUID sourceId) {
        return db.optional("SELECT id, finished_at, delivery_fingerprint FROM run WHERE source_id = ?"
                        + " AND status IN ('succeeded', 'succeeded_with_issues') ORDER BY finished_at DESC LIMIT 1",
                row -> new Applied(row.uuid(1), row.instant(2), row.text(3)), sourceId);
    }

    /** How far a running run has read: the file and its rows so far. */
    public void progress(UUID runId, String file, long rows) {
        db.update("UPDATE run SET progress_file = ?, progress_rows = ? WHERE id = ? AND status = 'running'", file, rows, runId);
    }

    /** Ends a run: its status, message, file counts and issues, in one transaction. */
    public void finish(UUID runId, RunStatus status, String message, List<FileCounts> files, List<Issue> issues,
                       List<Run.Phase> phases) {
        db.inTransaction(tx -> {
            tx.update("UPDATE run SET status = ?, message = ?, finished_at = now(), started_at = coalesce(started_at, now()),"
                    + " progress_file = NULL, progress_rows = NULL WHERE id = ?", status, message, runId);
            // an approved run is computed again: its new counts and issues replace those it was held with
            tx.update("DELETE FROM run_file WHERE run_id = ?", runId);
            tx.update("DELETE FROM run_issue WHERE run_id = ?", runId);
            tx.update("DELETE FROM run_phase WHERE run_id = ?", runId);
            tx.batch("INSERT INTO run_phase (run_id, position, name, millis) VALUES (?, ?, ?, ?)", phases,
                    (phase, position) -> new Object[]{runId, position, phase.name(), phase.millis()});
            tx.batch("""
                    INSERT INTO run_file (run_id, position, name, mode, rows, inserted, updated, unchanged, deleted, restored, skipped,
                                          errors, warnings, active_before, read_millis, merge_millis)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", files,
                    (f, position) -> new Object[]{runId, position, f.name(), f.mode(), f.rows(), f.inserted(), f.updated(),
                            f.unchanged(), f.deleted(), f.restored(), f.skipped(), f.errors(), f.warnings(), f.activeBefore(),
                            f.readMillis(), f.mergeMillis()});
            IssueStore.insert(tx, runId, issues);
            return null;
        });
    }

    /**
     * Decides a held run: {@code queued} to apply it, or {@code discarded}. Only a held run can be decided, and only while
     * no later run of its source was applied (the roster it was computed against must still be the one it would change).
     *
     * @return what stands in the way, or empty when the run was decided
     */
    public Optional<String> decide(UUID runId, RunStatus to, String by) {
        return db.inTransaction(tx -> {
            Optional<String> refusal = tx.one("""
                    SELECT r.status, EXISTS (SELECT 1 FROM run later WHERE later.source_id = r.source_id
                           AND later.status IN ('succeeded', 'succeeded_with_issues') AND later.finished_at > r.finished_at)
                    FROM run r WHERE r.id = ? FOR UPDATE""", row -> refusal(runId, to, row.text(1), row.bool(2)), runId);
            if (refusal.isEmpty()) {
                // an approved run is queued to be computed again: its held times and message no longer describe it
                tx.update("UPDATE run SET status = ?, decided_by = ?, decided_at = now(),"
                        + " message = CASE WHEN ? = 'discarded' THEN 'discarded by ' || ? || ': nothing was applied'"
                        + " ELSE 'approved by ' || ? || ': queued to apply exactly the changes shown' END,"
                        + " started_at = CASE WHEN ? = 'discarded' THEN started_at END,"
                        + " finished_at = CASE WHEN ? = 'discarded' THEN finished_at END WHERE id = ?", to, by, to, by, by, to, to, runId);
            }
            return refusal;
        });
    }

    private static Optional<String> refusal(UUID runId, RunStatus to, String status, boolean laterApplied) {
        if (!"held".equals(status)) {
            return Optional.of("run " + runId + " is " + status + ": only a held run can be approved or discarded");
        }
        if (to == RunStatus.queued && laterApplied) {
            return Optional.of("a later run of this source has been applied since run " + runId
                    + " was computed; discard it, or start a new run");
        }
        return Optional.empty();
    }

    /** Marks the run applied, in the transaction that applies it. */
    public static int markApplied(Statements tx, UUID runId) {
        return tx.update("UPDATE run SET applied_at = now() WHERE id = ?", runId);
    }

    /**
     * Ends a run whose instance stopped while executing it (a crash, a kill, a restart), saying truly whether its
     * roster changes were committed before the stop: only a run still running is ended.
     *
     * @return whether the run was ended here
     */
    public boolean endInterrupted(UUID runId) {
        return db.update("""
                UPDATE run SET finished_at = now(), progress_file = NULL, progress_rows = NULL,
                       status = CASE WHEN applied_at IS NULL THEN 'failed' ELSE 'succeeded_with_issues' END,
                       message = CASE WHEN applied_at IS NULL
                           THEN 'rostersync stopped before this run finished; nothing was applied'
                           ELSE 'applied: the roster changes were committed at ' || applied_at || ', but rostersync stopped'
                                || ' before it recorded this run''s counts and issues; run the delivery again to see them' END
                WHERE id = ? AND status = 'running'""", runId) == 1;
    }

    public Optional<Run> find(UUID runId) {
        return runs("id = ?", runId).stream().findFirst();
    }

    /** The tenant a run belongs to, for checks of access. */
    public Optional<UUID> tenantOf(UUID runId) {
        return db.optional("SELECT tenant_id FROM run WHERE id = ?", row -> row.uuid(1), runId);
    }

    /** A source's runs, newest first. */
    public List<Run> forSource(UUID sourceId, int limit) {
        return runs("source_id = ? ORDER BY created_at DESC, id LIMIT ?", sourceId, limit);
    }

    /** A source's runs in a status, oldest first (for example those still held). */
    public List<Run> inStatus(UUID sourceId, RunStatus status, int limit) {
        return runs("source_id = ? AND status = ? ORDER BY created_at, id LIMIT ?", sourceId, status, limit);
    }

    /** The runs that match {@code where} (with its order and limit), each whole. */
    private List<Run> runs(String where, Object... params) {
        return db.onOneConnection(c -> c.query("SELECT " + RUN_COLUMNS + " FROM run WHERE " + where, RunStore::run, params).stream()
                .map(withCountsAndPhases -> withCountsAndPhases.apply(c)).toList());
    }

    /** A row of {@link #RUN_COLUMNS}: the run once its file counts and phases are read. */
    private static Function<Statements, Run> run(Row row) {
        UUID id = row.uuid(1);
        UUID sourceId = row.uuid(2);
        RunStatus status = RunStatus.valueOf(row.text(3));
        Instant created = row.instant(4);
        Instant started = row.instant(5);
        Instant finished = row.instant(6);
        String message = row.text(7);
        String decidedBy = row.text(8);
        Instant decidedAt = row.instant(9);
        String progressFile = row.text(10);
        Long progressRows = row.nullableNumber(11);
        Instant archiveRemoved = row.instant(12);
        RunTrigger trigger = RunTrigger.valueOf(row.text(13));
        Instant scheduledFor = row.instant(14);
        return on -> new Run(id, sourceId, status, created, started, finished, message, files(on, id), decidedBy, decidedAt,
                phases(on, id), progressFile, progressRows, archiveRemoved, trigger, scheduledFor);
    }

    private static List<Run.Phase> phases(Statements on, UUID runId) {
        return on.query("SELECT name, millis FROM run_phase WHERE run_id = ? ORDER BY position",
                row -> new Run.Phase(row.text(1), row.number(2)), runId);
    }

    private static List<FileCounts> files(Statements on, UUID runId) {
        return on.query("""
                SELECT name, mode, rows, inserted, updated, unchanged, deleted, restored, skipped, errors, warnings, active_before,
                       read_millis, merge_millis
                FROM run_file WHERE run_id = ? ORDER BY position""",
                row -> new FileCounts(row.text(1), row.text(2), row.number(3), row.number(4), row.number(5), row.number(6),
                        row.number(7), row.number(8), row.number(9), row.number(10), row.number(11), row.number(12),
                        row.number(13), row.number(14)), runId);
    }
}
