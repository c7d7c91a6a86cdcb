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
            update("INSERT INTO source (id, tenant_id, name, sftp_username, sftp_password_hash) VALUES (?, ?, ?, ?, ?)",
                    source.id(), tenantId, name, username, passwordHash);
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new UsernameTakenException(username);
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

    /** The source and its password hash for an SFTP login, if the username exists. */
    Optional<SourceLogin> sourceLogin(String username) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT id, tenant_id, name, sftp_username, sftp_password_hash FROM source WHERE sftp_username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SourceLogin(readSource(rs), rs.getString(5)));
            }
        }
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

    /** Replaces a JSON setting column of the source; false when the source does not exist. */
    boolean saveSetting(UUID sourceId, String column, Object value) throws SQLException {
        String text;
        try {
            text = new String(json.writeValueAsBytes(value), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot write " + column + " as JSON", e);
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE source SET " + column + " = ?::jsonb WHERE id = ?")) {
            ps.setString(1, text);
            ps.setObject(2, sourceId);
            return ps.executeUpdate() == 1;
        }
    }

    void insertApiClient(UUID tenantId, String clientId, String secretSha256) throws SQLException {
        update("INSERT INTO api_client (client_id, tenant_id, secret_sha256) VALUES (?, ?, ?)", clientId, tenantId, secretSha256);
    }

    /** The tenant and secret digest of an API client. */
    Optional<ApiClientLogin> apiClientLogin(String clientId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT tenant_id, secret_sha256 FROM api_client WHERE client_id = ?")) {
            ps.setString(1, clientId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new ApiClientLogin(rs.getObject(1, UUID.class), rs.getString(2)))
                        : Optional.empty();
            }
        }
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

    record SourceLogin(Source source, String passwordHash) {
    }

    record ApiClientLogin(UUID tenantId, String secretSha256) {
    }
}
