package org.rostersync.intake.inbox;

import jakarta.inject.Singleton;
import org.rostersync.database.Db;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Uploads in progress, as every instance sees them (table upload_activity): a run on arrival waits while a source's
 * upload is still writing, and with object storage that upload may be on an instance whose disk this one never sees. An
 * upload says it wrote at most every few seconds, and its row goes when it ends, stored or discarded.
 */
@Singleton
public class UploadActivity {

    private static final long NOTE_EVERY_SECONDS = 5;

    private final Db db;
    /** When each upload in progress here last said so. */
    private final Map<Path, Instant> noted = new ConcurrentHashMap<>();

    UploadActivity(Db db) {
        this.db = db;
    }

    /** The upload wrote: said in the database unless it was said in the last few seconds. */
    public void wrote(UUID sourceId, Path upload) {
        Instant now = Instant.now();
        Instant last = noted.get(upload);
        if (last != null && last.isAfter(now.minusSeconds(NOTE_EVERY_SECONDS))) {
            return;
        }
        noted.put(upload, now);
        db.update("""
                INSERT INTO upload_activity (upload, source_id, written_at) VALUES (?, ?, now())
                ON CONFLICT (upload) DO UPDATE SET written_at = EXCLUDED.written_at""",
                upload.getFileName().toString(), sourceId);
    }

    /** The upload ended, stored or discarded: it no longer holds a run on arrival. */
    public void ended(Path upload) {
        if (noted.remove(upload) != null) {
            db.update("DELETE FROM upload_activity WHERE upload = ?", upload.getFileName().toString());
        }
    }

    /** When an upload of the source in progress on any instance last said it wrote. */
    Optional<Instant> last(UUID sourceId) {
        return db.query("SELECT max(written_at) FROM upload_activity WHERE source_id = ?", row -> row.instant(1), sourceId)
                .stream().filter(Objects::nonNull).findFirst();
    }

    /** Forgets uploads that have not written since {@code before}: their process stopped. */
    void removeBefore(Instant before) {
        db.update("DELETE FROM upload_activity WHERE written_at < ?", before);
    }
}
