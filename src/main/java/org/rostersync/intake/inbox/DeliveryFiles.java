package org.rostersync.intake.inbox;

import jakarta.inject.Singleton;
import org.rostersync.database.Db;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
    Set<String> allSha256() {
        return new HashSet<>(db.query("SELECT DISTINCT sha256 FROM delivery_file", row -> row.text(1)));
    }

    /** The source's complete files, by name. */
    List<DeliveryFile> delivery(UUID sourceId) {
        return db.query("SELECT name, size, sha256, received_at FROM delivery_file WHERE source_id = ? ORDER BY name",
                row -> new DeliveryFile(row.text(1), row.number(2), row.text(3), row.instant(4)), sourceId);
    }
}
