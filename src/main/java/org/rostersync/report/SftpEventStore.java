package org.rostersync.report;

import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** SQL for the SFTP audit trail: appended to by the SFTP server, read by operators. */
@Singleton
public class SftpEventStore {

    private final DataSource dataSource;

    SftpEventStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void add(SftpEvent e) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO sftp_event (at, tenant_id, source_id, kind, username, address, method, file, size, sha256, detail)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setTimestamp(1, Timestamp.from(e.at()));
            ps.setObject(2, e.tenantId());
            ps.setObject(3, e.sourceId());
            ps.setString(4, e.kind());
            ps.setString(5, e.username());
            ps.setString(6, e.address());
            ps.setString(7, e.method());
            ps.setString(8, e.file());
            if (e.size() == null) {
                ps.setNull(9, Types.BIGINT);
            } else {
                ps.setLong(9, e.size());
            }
            ps.setString(10, e.sha256());
            ps.setString(11, e.detail());
            ps.executeUpdate();
        }
    }

    /** The source's events, newest first. */
    public List<SftpEvent> forSource(UUID sourceId, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT at, tenant_id, source_id, kind, username, address, method, file, size, sha256, detail
                     FROM sftp_event WHERE source_id = ? ORDER BY at DESC, id DESC LIMIT ?""")) {
            ps.setObject(1, sourceId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<SftpEvent> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new SftpEvent(rs.getTimestamp(1).toInstant(), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getObject(9, Long.class), rs.getString(10), rs.getString(11)));
                }
                return out;
            }
        }
    }
}
