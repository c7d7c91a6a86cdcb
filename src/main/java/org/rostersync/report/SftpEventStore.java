package org.rostersync.report;

import jakarta.inject.Singleton;

import org.rostersync.database.Db;

import java.util.List;
import java.util.UUID;

/** SQL for the SFTP audit trail: appended to by the SFTP server, read by operators. */
@Singleton
public class SftpEventStore {

    private final Db db;

    SftpEventStore(Db db) {
        this.db = db;
    }

    public void add(SftpEvent e) {
        db.update("""
                INSERT INTO sftp_event (at, tenant_id, source_id, kind, username, address, method, file, size, sha256, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", e.at(), e.tenantId(), e.sourceId(), e.kind(), e.username(), e.address(),
                e.method(), e.file(), e.size(), e.sha256(), e.detail());
    }

    /** The source's events, newest first. */
    public List<SftpEvent> forSource(UUID sourceId, int limit) {
        return db.query("""
                SELECT at, tenant_id, source_id, kind, username, address, method, file, size, sha256, detail
                FROM sftp_event WHERE source_id = ? ORDER BY at DESC, id DESC LIMIT ?""",
                row -> new SftpEvent(row.instant(1), row.uuid(2), row.uuid(3), row.text(4), row.text(5), row.text(6), row.text(7),
                        row.text(8), row.nullableNumber(9), row.text(10), row.text(11)), sourceId, limit);
    }
}
