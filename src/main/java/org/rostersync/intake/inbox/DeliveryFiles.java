package org.rostersync.intake.inbox;

import jakarta.inject.Singleton;
import org.rostersync.database.Db;

import java.util.List;
import java.util.UUID;

/** SQL of the record of each source's complete files: what its delivery is, between a clean close and the next write. */
@Singleton
class DeliveryFiles {

    private final Db db;

    DeliveryFiles(Db db) {
        this.db = db;
    }

    void forget(UUID sourceId, String name) {
        db.update("DELETE FROM delivery_file WHERE source_id = ? AND name = ?", sourceId, name);
    }

    void record(UUID sourceId, DeliveryFile file) {
        db.update("""
                INSERT INTO delivery_file (source_id, name, size, sha256, received_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (source_id, name) DO UPDATE
                SET size = EXCLUDED.size, sha256 = EXCLUDED.sha256, received_at = EXCLUDED.received_at""",
                sourceId, file.name(), file.size(), file.sha256(), file.receivedAt());
    }

    /** Every content a source's delivery holds now, of every source: what object storage must keep. */
    java.util.Set<String> allSha256() {
        return new java.util.HashSet<>(db.query("SELECT DISTINCT sha256 FROM delivery_file", row -> row.text(1)));
    }

    /** An upload in progress wrote now (on this instance or any other). */
    void uploadWrote(UUID sourceId, String upload) {
        db.update("""
                INSERT INTO upload_activity (upload, source_id, written_at) VALUES (?, ?, now())
                ON CONFLICT (upload) DO UPDATE SET written_at = EXCLUDED.written_at""", upload, sourceId);
    }

    /** The upload ended (stored or discarded). */
    void uploadEnded(String upload) {
        db.update("DELETE FROM upload_activity WHERE upload = ?", upload);
    }

    /** When an upload of the source in progress on any instance last wrote. */
    java.util.Optional<java.time.Instant> lastUploadActivity(UUID sourceId) {
        return db.query("SELECT max(written_at) FROM upload_activity WHERE source_id = ?", row -> row.instant(1), sourceId)
                .stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** Forgets uploads that have not written since {@code before}: their process stopped. */
    int removeUploadActivityBefore(java.time.Instant before) {
        return db.update("DELETE FROM upload_activity WHERE written_at < ?", before);
    }

    /** The source's complete files, by name. */
    List<DeliveryFile> delivery(UUID sourceId) {
        return db.query("SELECT name, size, sha256, received_at FROM delivery_file WHERE source_id = ? ORDER BY name",
                row -> new DeliveryFile(row.text(1), row.number(2), row.text(3), row.instant(4)), sourceId);
    }
}
