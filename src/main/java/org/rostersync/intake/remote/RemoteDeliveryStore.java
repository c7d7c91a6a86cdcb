package org.rostersync.intake.remote;

import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code remote_delivery} rows: one per source that has remote settings. */
@Singleton
class RemoteDeliveryStore {

    private static final String COLUMNS = "source_id, enabled, host, port, username, password_sealed, private_key_sealed,"
            + " passphrase_sealed, host_key_fingerprint, folder, patterns, delete_after_fetch, connect_timeout_seconds, retries,"
            + " changed_at";

    private final DataSource dataSource;

    RemoteDeliveryStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Optional<RemoteSettings> find(UUID sourceId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM remote_delivery WHERE source_id = ?")) {
            ps.setObject(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** Whether the source has a remote server to fetch from before its runs. */
    boolean enabled(UUID sourceId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT enabled FROM remote_delivery WHERE source_id = ?")) {
            ps.setObject(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    void save(RemoteSettings s) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO remote_delivery (" + COLUMNS + ")"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())"
                     + " ON CONFLICT (source_id) DO UPDATE SET enabled = EXCLUDED.enabled, host = EXCLUDED.host,"
                     + " port = EXCLUDED.port, username = EXCLUDED.username, password_sealed = EXCLUDED.password_sealed,"
                     + " private_key_sealed = EXCLUDED.private_key_sealed, passphrase_sealed = EXCLUDED.passphrase_sealed,"
                     + " host_key_fingerprint = EXCLUDED.host_key_fingerprint, folder = EXCLUDED.folder,"
                     + " patterns = EXCLUDED.patterns, delete_after_fetch = EXCLUDED.delete_after_fetch,"
                     + " connect_timeout_seconds = EXCLUDED.connect_timeout_seconds, retries = EXCLUDED.retries,"
                     + " changed_at = now()")) {
            ps.setObject(1, s.sourceId());
            ps.setBoolean(2, s.enabled());
            ps.setString(3, s.host());
            ps.setInt(4, s.port());
            ps.setString(5, s.username());
            ps.setBytes(6, s.passwordSealed());
            ps.setBytes(7, s.privateKeySealed());
            ps.setBytes(8, s.passphraseSealed());
            ps.setString(9, s.hostKeyFingerprint());
            ps.setString(10, s.folder());
            ps.setArray(11, c.createArrayOf("text", s.patterns().toArray()));
            ps.setBoolean(12, s.deleteAfterFetch());
            setInteger(ps, 13, s.connectTimeoutSeconds());
            setInteger(ps, 14, s.retries());
            ps.executeUpdate();
        }
    }

    /**
     * Pins the host key seen on first contact, unless the server changed meanwhile (another host or port) or a key was
     * pinned by then: a fingerprint is never pinned for a server it was not seen on.
     *
     * @return whether it was pinned
     */
    boolean pin(UUID sourceId, String host, int port, String fingerprint) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE remote_delivery SET host_key_fingerprint = ?"
                     + " WHERE source_id = ? AND host = ? AND port = ? AND host_key_fingerprint IS NULL")) {
            ps.setString(1, fingerprint);
            ps.setObject(2, sourceId);
            ps.setString(3, host);
            ps.setInt(4, port);
            return ps.executeUpdate() == 1;
        }
    }

    private static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    private static RemoteSettings read(ResultSet rs) throws SQLException {
        Array patterns = rs.getArray(11);
        List<String> globs = Arrays.stream((Object[]) patterns.getArray()).map(String.class::cast).toList();
        return new RemoteSettings(rs.getObject(1, UUID.class), rs.getBoolean(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                rs.getBytes(6), rs.getBytes(7), rs.getBytes(8), rs.getString(9), rs.getString(10), globs, rs.getBoolean(12),
                (Integer) rs.getObject(13), (Integer) rs.getObject(14), rs.getTimestamp(15).toInstant());
    }
}
