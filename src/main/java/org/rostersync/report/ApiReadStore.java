package org.rostersync.report;

import jakarta.inject.Singleton;

import org.rostersync.database.Db;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** SQL for the audit trail of OneRoster API reads: appended to in batches, read by operators, purged by age. */
@Singleton
public class ApiReadStore {

    private static final int PURGE_CHUNK = 10_000;

    private final Db db;

    ApiReadStore(Db db) {
        this.db = db;
    }

    /** Appends the reads in one transaction: all of them or none. */
    public void add(List<ApiRead> reads) {
        db.inTransaction(tx -> {
            tx.batch("""
                    INSERT INTO api_read (at, tenant_id, client_id, method, path, filter, query, status, rows_returned, address)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", reads,
                    (r, position) -> new Object[]{r.at(), r.tenantId(), PrintableText.of(r.clientId()), PrintableText.of(r.method()),
                            PrintableText.of(r.path()), PrintableText.of(r.filter()), PrintableText.of(r.query()), r.status(),
                            r.rowsReturned(), PrintableText.of(r.address())});
            return null;
        });
    }

    /**
     * The tenant's reads, newest first.
     *
     * @param clientId only this client's; null: every client's
     * @param from     from this instant on (inclusive); null: from the start
     * @param to       before this instant (exclusive); null: up to now
     */
    public List<ApiRead> find(UUID tenantId, String clientId, Instant from, Instant to, int limit) {
        return db.query("""
                SELECT at, tenant_id, client_id, method, path, filter, query, status, rows_returned, address
                FROM api_read
                WHERE tenant_id = ? AND (?::text IS NULL OR client_id = ?)
                  AND (?::timestamptz IS NULL OR at >= ?) AND (?::timestamptz IS NULL OR at < ?)
                ORDER BY at DESC, id DESC LIMIT ?""",
                row -> new ApiRead(row.instant(1), row.uuid(2), row.text(3), row.text(4), row.text(5), row.text(6), row.text(7),
                        row.integer(8), row.nullableInteger(9), row.text(10)),
                tenantId, clientId, clientId, from, from, to, to, limit);
    }

    /**
     * Deletes the reads older than {@code before}, in chunks so that no single statement holds locks for long.
     *
     * @return how many were deleted
     */
    public long purgeBefore(Instant before) {
        long deleted = 0;
        int n;
        do {
            n = db.update("DELETE FROM api_read WHERE id IN (SELECT id FROM api_read WHERE at < ? LIMIT ?)", before, PURGE_CHUNK);
            deleted += n;
        } while (n == PURGE_CHUNK);
        return deleted;
    }
}
