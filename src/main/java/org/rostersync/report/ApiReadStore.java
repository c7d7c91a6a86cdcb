package org.rostersync.report;

import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** SQL for the audit trail of OneRoster API reads: appended to in batches, read by operators, purged by age. */
@Singleton
public class ApiReadStore {

    private static final int PURGE_CHUNK = 10_000;

    private final DataSource dataSource;

    ApiReadStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Appends the reads in one transaction: all of them or none. */
    public void add(List<ApiRead> reads) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO api_read (at, tenant_id, client_id, method, path, filter, query, status, rows_returned, address)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (ApiRead r : reads) {
                    ps.setTimestamp(1, Timestamp.from(r.at()));
                    ps.setObject(2, r.tenantId());
                    ps.setString(3, PrintableText.of(r.clientId()));
                    ps.setString(4, PrintableText.of(r.method()));
                    ps.setString(5, PrintableText.of(r.path()));
                    ps.setString(6, PrintableText.of(r.filter()));
                    ps.setString(7, PrintableText.of(r.query()));
                    ps.setInt(8, r.status());
                    if (r.rowsReturned() == null) {
                        ps.setNull(9, Types.INTEGER);
                    } else {
                        ps.setInt(9, r.rowsReturned());
                    }
                    ps.setString(10, PrintableText.of(r.address()));
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /**
     * The tenant's reads, newest first.
     *
     * @param clientId only this client's; null: every client's
     * @param from     from this instant on (inclusive); null: from the start
     * @param to       before this instant (exclusive); null: up to now
     */
    public List<ApiRead> find(UUID tenantId, String clientId, Instant from, Instant to, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT at, tenant_id, client_id, method, path, filter, query, status, rows_returned, address
                     FROM api_read
                     WHERE tenant_id = ? AND (?::text IS NULL OR client_id = ?)
                       AND (?::timestamptz IS NULL OR at >= ?) AND (?::timestamptz IS NULL OR at < ?)
                     ORDER BY at DESC, id DESC LIMIT ?""")) {
            ps.setObject(1, tenantId);
            ps.setString(2, clientId);
            ps.setString(3, clientId);
            Timestamp f = from == null ? null : Timestamp.from(from);
            Timestamp t = to == null ? null : Timestamp.from(to);
            ps.setTimestamp(4, f);
            ps.setTimestamp(5, f);
            ps.setTimestamp(6, t);
            ps.setTimestamp(7, t);
            ps.setInt(8, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<ApiRead> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new ApiRead(rs.getTimestamp(1).toInstant(), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getObject(9, Integer.class),
                            rs.getString(10)));
                }
                return out;
            }
        }
    }

    /**
     * Deletes the reads older than {@code before}, in chunks so that no single statement holds locks for long.
     *
     * @return how many were deleted
     */
    public long purgeBefore(Instant before) throws SQLException {
        long deleted = 0;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     DELETE FROM api_read WHERE id IN (SELECT id FROM api_read WHERE at < ? LIMIT ?)""")) {
            ps.setTimestamp(1, Timestamp.from(before));
            ps.setInt(2, PURGE_CHUNK);
            int n;
            do {
                n = ps.executeUpdate();
                deleted += n;
            } while (n == PURGE_CHUNK);
        }
        return deleted;
    }
}
