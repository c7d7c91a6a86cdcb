package org.rostersync.tenant;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for tenants, sources and API clients. */
@Singleton
class TenantStore {

    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final JsonMapper json;

    TenantStore(DataSource dataSource, JsonMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    Tenant insertTenant(String name) throws SQLException {
        Tenant tenant = new Tenant(UUID.randomUUID(), name);
        update("INSERT INTO tenant (id, name) VALUES (?, ?)", tenant.id(), tenant.name());
        return tenant;
    }

    List<Tenant> tenants() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, name FROM tenant ORDER BY created_at, name");
             ResultSet rs = ps.executeQuery()) {
            List<Tenant> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Tenant(rs.getObject(1, UUID.class), rs.getString(2)));
            }
            return out;
        }
    }

    Optional<Tenant> tenant(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, name FROM tenant WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Tenant(rs.getObject(1, UUID.class), rs.getString(2))) : Optional.empty();
            }
        }
    }

    Source insertSource(UUID tenantId, String name, String username, String passwordHash) throws SQLException {
        Source source = new Source(UUID.randomUUID(), tenantId, name, username);
        try {
            update("INSERT INTO source (id, tenant_id, name, sftp_username, sftp_password_hash, sftp_password_changed_at)"
                            + " VALUES (?, ?, ?, ?, ?, now())",
                    source.id(), tenantId, name, username, passwordHash);
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new UsernameTakenException(username, "sftp.username");
            }
            throw e;
        }
        return source;
    }

    List<Source> sources(UUID tenantId) throws SQLException {
        return querySources("SELECT id, tenant_id, name, sftp_username FROM source WHERE tenant_id = ? ORDER BY created_at", tenantId);
    }

    Optional<Source> source(UUID id) throws SQLException {
        return querySources("SELECT id, tenant_id, name, sftp_username FROM source WHERE id = ?", id).stream().findFirst();
    }

    private static final String ACCOUNT = "SELECT id, tenant_id, name, sftp_username, sftp_password_hash, sftp_enabled,"
            + " sftp_password_changed_at, sftp_allowed_networks, sftp_changed_at FROM source WHERE ";

    /** A source's SFTP account with its password hash, if the source exists. */
    Optional<StoredAccount> sftpAccount(UUID sourceId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return sftpAccount(c, "id = ?", sourceId);
        }
    }

    /** The SFTP account with this username and its password hash, for a login. */
    Optional<StoredAccount> sftpAccountByUsername(String username) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return sftpAccount(c, "sftp_username = ?", username);
        }
    }

    /**
     * Changes a source's SFTP account in one transaction, the row locked meanwhile so that two changes do not mix; the
     * edit may throw to change nothing. Empty when the source does not exist.
     */
    Optional<SftpAccount> changeSftpAccount(UUID sourceId, java.util.function.UnaryOperator<StoredAccount> edit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            StoredAccount edited = null;
            try {
                Optional<StoredAccount> current = sftpAccount(c, "id = ? FOR UPDATE", sourceId);
                if (current.isEmpty()) {
                    c.rollback();
                    return Optional.empty();
                }
                edited = edit.apply(current.get());
                write(c, edited);
                Optional<SftpAccount> saved = sftpAccount(c, "id = ?", sourceId).map(StoredAccount::account);
                c.commit();
                return saved;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                if (edited != null && e instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                    throw new UsernameTakenException(edited.account().username(), "username");
                }
                throw e;
            }
        }
    }

    private void write(Connection c, StoredAccount stored) throws SQLException {
        SftpAccount a = stored.account();
        try (PreparedStatement ps = c.prepareStatement("UPDATE source SET sftp_username = ?, sftp_password_hash = ?, sftp_enabled = ?,"
                + " sftp_password_changed_at = ?, sftp_allowed_networks = ?, sftp_changed_at = now() WHERE id = ?")) {
            ps.setString(1, a.username());
            ps.setString(2, stored.passwordHash());
            ps.setBoolean(3, a.enabled());
            ps.setTimestamp(4, a.passwordChangedAt() == null ? null : java.sql.Timestamp.from(a.passwordChangedAt()));
            ps.setArray(5, c.createArrayOf("text", a.allowedNetworks().stream().map(AllowedNetwork::toString).toArray()));
            ps.setObject(6, a.sourceId());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM sftp_authorized_key WHERE source_id = ?")) {
            ps.setObject(1, a.sourceId());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sftp_authorized_key (source_id, fingerprint, key_type, public_key,"
                + " comment, position, added_at) VALUES (?, ?, ?, ?, ?, ?, coalesce(?, now()))")) {
            int position = 0;
            for (AuthorizedKey key : a.authorizedKeys()) {
                ps.setObject(1, a.sourceId());
                ps.setString(2, key.fingerprint());
                ps.setString(3, key.type());
                ps.setString(4, key.publicKey());
                ps.setString(5, key.comment());
                ps.setInt(6, position++);
                ps.setTimestamp(7, key.addedAt() == null ? null : java.sql.Timestamp.from(key.addedAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private Optional<StoredAccount> sftpAccount(Connection c, String where, Object key) throws SQLException {
        Source source;
        String hash;
        boolean enabled;
        java.time.Instant passwordChangedAt;
        List<AllowedNetwork> networks = new ArrayList<>();
        java.time.Instant changedAt;
        try (PreparedStatement ps = c.prepareStatement(ACCOUNT + where)) {
            ps.setObject(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                source = readSource(rs);
                hash = rs.getString(5);
                enabled = rs.getBoolean(6);
                passwordChangedAt = instant(rs.getTimestamp(7));
                for (String network : (String[]) rs.getArray(8).getArray()) {
                    networks.add(AllowedNetwork.parse(network));
                }
                changedAt = instant(rs.getTimestamp(9));
            }
        }
        List<AuthorizedKey> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT key_type, fingerprint, comment, public_key, added_at"
                + " FROM sftp_authorized_key WHERE source_id = ? ORDER BY position")) {
            ps.setObject(1, source.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(new AuthorizedKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            instant(rs.getTimestamp(5))));
                }
            }
        }
        SftpAccount account = new SftpAccount(source.id(), source.tenantId(), source.sftpUsername(), enabled, hash != null,
                passwordChangedAt, keys, networks, changedAt);
        return Optional.of(new StoredAccount(source, account, hash));
    }

    private static java.time.Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** A JSON setting column of the source, read as the type ({@code fallback} when null); empty when the source does not exist. */
    <T> Optional<T> setting(UUID sourceId, String column, io.micronaut.core.type.Argument<T> type, T fallback) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + column + "::text FROM source WHERE id = ?")) {
            ps.setObject(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String text = rs.getString(1);
                T value = text == null ? null : json.readValue(text, type);
                return Optional.of(value == null ? fallback : value);
            } catch (java.io.IOException e) {
                throw new SQLException("source " + sourceId + " has an unreadable " + column + ": " + e.getMessage(), e);
            }
        }
    }

    private String toJson(String column, Object value) {
        try {
            return new String(json.writeValueAsBytes(value), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot write " + column + " as JSON", e);
        }
    }

    /** Replaces a JSON setting column of the source; false when the source does not exist. */
    boolean saveSetting(UUID sourceId, String column, Object value) throws SQLException {
        String text = toJson(column, value);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE source SET " + column + " = ?::jsonb WHERE id = ?")) {
            ps.setString(1, text);
            ps.setObject(2, sourceId);
            return ps.executeUpdate() == 1;
        }
    }

    boolean saveSchedule(UUID sourceId, ScheduleSettings settings, java.time.Instant nextRunAt) throws SQLException {
        String text = toJson("schedule", settings);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE source SET schedule = ?::jsonb, next_run_at = ?, next_run_planned = true"
                     + " WHERE id = ?")) {
            ps.setString(1, text);
            ps.setTimestamp(2, nextRunAt == null ? null : java.sql.Timestamp.from(nextRunAt));
            ps.setObject(3, sourceId);
            return ps.executeUpdate() == 1;
        }
    }

    ApiClient insertApiClient(UUID tenantId, String clientId, String secretSha256, byte[] secretSealed,
                              ApiClientSettings.Checked settings) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO api_client (client_id, tenant_id, secret_sha256, secret_sealed,"
                     + " name, scopes, source_ids, school_sourced_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + API_CLIENT)) {
            ps.setString(1, clientId);
            ps.setObject(2, tenantId);
            ps.setString(3, secretSha256);
            ps.setBytes(4, secretSealed);
            ps.setString(5, settings.name());
            ps.setArray(6, c.createArrayOf("text", settings.scopes().toArray()));
            ps.setArray(7, c.createArrayOf("uuid", settings.sourceIds().toArray()));
            ps.setArray(8, c.createArrayOf("text", settings.schoolSourcedIds().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return readApiClient(rs);
            }
        }
    }

    /** The tenant's API clients that are not deleted, oldest first. */
    List<ApiClient> apiClients(UUID tenantId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + API_CLIENT + " FROM api_client"
                     + " WHERE tenant_id = ? AND deleted_at IS NULL ORDER BY created_at, client_id")) {
            ps.setObject(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                List<ApiClient> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(readApiClient(rs));
                }
                return out;
            }
        }
    }

    /** An API client that is not deleted, with its secret digest and sealed secret (either may be null). */
    Optional<StoredApiClient> apiClient(String clientId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + API_CLIENT + ", secret_sha256, secret_sealed FROM api_client"
                     + " WHERE client_id = ? AND deleted_at IS NULL")) {
            ps.setString(1, clientId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new StoredApiClient(readApiClient(rs), rs.getString(8), rs.getBytes(9)))
                        : Optional.empty();
            }
        }
    }

    /** Marks the client deleted and forgets its secrets; false when the tenant has no such client (or it is gone already). */
    boolean deleteApiClient(UUID tenantId, String clientId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE api_client SET deleted_at = now(), secret_sha256 = NULL,"
                     + " secret_sealed = NULL WHERE tenant_id = ? AND client_id = ? AND deleted_at IS NULL")) {
            ps.setObject(1, tenantId);
            ps.setString(2, clientId);
            return ps.executeUpdate() == 1;
        }
    }

    private static final String API_CLIENT = "client_id, tenant_id, name, scopes, source_ids, school_sourced_ids, created_at";

    private static ApiClient readApiClient(ResultSet rs) throws SQLException {
        return new ApiClient(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3),
                List.of((String[]) rs.getArray(4).getArray()), List.of((UUID[]) rs.getArray(5).getArray()),
                List.of((String[]) rs.getArray(6).getArray()), rs.getTimestamp(7).toInstant());
    }

    private List<Source> querySources(String sql, UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                List<Source> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(readSource(rs));
                }
                return out;
            }
        }
    }

    private static Source readSource(ResultSet rs) throws SQLException {
        return new Source(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4));
    }

    private void update(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    /** An SFTP account as stored: with the source it belongs to and its password hash (null: no password). */
    record StoredAccount(Source source, SftpAccount account, String passwordHash) {
    }

    /** An API client as stored: its digest (for HTTP Basic and the token endpoint) and sealed secret (for OAuth 1.0a). */
    record StoredApiClient(ApiClient client, String secretSha256, byte[] secretSealed) {
    }
}
