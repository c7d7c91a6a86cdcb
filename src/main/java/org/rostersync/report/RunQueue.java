package org.rostersync.report;

import jakarta.inject.Singleton;
import org.rostersync.database.Db;
import org.rostersync.database.Statements;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL of the run queue: runs queued, taken by exactly one instance, and those running now. */
@Singleton
public class RunQueue {

    private final Db db;

    RunQueue(Db db) {
        this.db = db;
    }

    /** Queues a run an operator asked for; returns its id. */
    public UUID create(UUID tenantId, UUID sourceId) {
        return insert(db, tenantId, sourceId, RunTrigger.manual, null, null);
    }

    /**
     * Queues a run in the transaction that decided it (a schedule's instant, a delivery's arrival), so that the run exists
     * exactly when the decision is committed.
     *
     * @param scheduledFor the instant a timed run was scheduled for
     * @param fingerprint  the delivery an arrival run was started for
     */
    public static UUID insert(Statements on, UUID tenantId, UUID sourceId, RunTrigger trigger, Instant scheduledFor,
                              String fingerprint) {
        UUID id = UUID.randomUUID();
        on.update("INSERT INTO run (id, tenant_id, source_id, status, trigger, scheduled_for, delivery_fingerprint)"
                + " VALUES (?, ?, ?, 'queued', ?, ?, ?)", id, tenantId, sourceId, trigger, scheduledFor, fingerprint);
        return id;
    }

    /** A queued run an instance took to execute. {@code approved}: an operator approved it after it was held. */
    public record Claimed(UUID runId, UUID sourceId, RunTrigger trigger, boolean approved) {
    }

    /**
     * Takes the oldest queued run for this instance, marking it running with the instance as its executor; each queued
     * run is taken by exactly one instance. A run waits while another run of its source is running.
     */
    public Optional<Claimed> claim(long executor) {
        return db.inTransaction(tx -> {
            // claims take turns across instances: the check that no run of the source is running then sees every
            // claim committed before it (two claims at once could each miss the other's)
            tx.one("SELECT pg_advisory_xact_lock(hashtextextended('rostersync:claim', 0))", row -> Boolean.TRUE);
            return tx.optional("""
                    UPDATE run SET status = 'running', started_at = now(), executor = ?
                    WHERE id = (SELECT r.id FROM run r WHERE r.status = 'queued'
                                AND NOT EXISTS (SELECT 1 FROM run o WHERE o.source_id = r.source_id AND o.status = 'running')
                                ORDER BY r.created_at, r.id LIMIT 1 FOR UPDATE SKIP LOCKED)
                    AND status = 'queued'
                    RETURNING id, source_id, trigger, decided_by IS NOT NULL""",
                    row -> new Claimed(row.uuid(1), row.uuid(2), RunTrigger.valueOf(row.text(3)), row.bool(4)), executor);
        });
    }

    /** A running run and the instance executing it (null: from before instances recorded themselves). */
    public record Executing(UUID runId, Long executor) {
    }

    public List<Executing> running() {
        return db.query("SELECT id, executor FROM run WHERE status = 'running'",
                row -> new Executing(row.uuid(1), row.nullableNumber(2)));
    }
}
