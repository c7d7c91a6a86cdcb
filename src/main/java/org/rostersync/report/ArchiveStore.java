package org.rostersync.report;

import jakarta.inject.Singleton;
import org.rostersync.database.Db;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** SQL of the runs' archives: which are past their keeping time, and which were removed. */
@Singleton
public class ArchiveStore {

    private final Db db;

    ArchiveStore(Db db) {
        this.db = db;
    }

    /**
     * The runs whose archive is past its keeping time: finished before {@code before}, or failed before
     * {@code failedBefore}; never a held run (it needs its archive to be approved), nor one still queued or running.
     */
    public List<UUID> archivesOlderThan(Instant before, Instant failedBefore) {
        return db.query("SELECT id FROM run WHERE archive_removed_at IS NULL AND status NOT IN ('held', 'queued', 'running')"
                + " AND (finished_at < ? OR (status = 'failed' AND finished_at < ?))", row -> row.uuid(1), before, failedBefore);
    }

    public void archiveRemoved(UUID runId) {
        db.update("UPDATE run SET archive_removed_at = now() WHERE id = ?", runId);
    }
}
