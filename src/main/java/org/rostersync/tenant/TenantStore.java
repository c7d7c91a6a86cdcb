package org.rostersync.tenant;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.rostersync.database.DataAccessException;
import org.rostersync.database.Db;
import org.rostersync.database.Row;
import org.rostersync.database.Statements;
import org.rostersync.database.Tx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** SQL for tenants, sources and API clients. */
@Singleton
class TenantStore {

    private static final String SOURCE = "id, tenant_id, name, sftp_username";
    private static final String ACCOUNT = "SELECT " + SOURCE + ", sftp_password_hash, sftp_enabled,"
            + " sftp_password_changed_at, sftp_allowed_networks, sftp_changed_at FROM source WHERE ";
    private static final String API_CLIENT = "client_id, tenant_id, name, scopes, source_ids, school_sourced_ids, created_at";

    private final Db db;
    private final JsonMapper json;

    TenantStore(Db db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    Tenant insertTenant(String name) {
        Tenant tenant = new Tenant(UUID.randomUUID(), name);
        db.update("INSERT INTO tenant (id, name) VALUES (?, ?)", tenant.id(), tenant.name());
        return tenant;
    }

    List<Tenant> tenants() {
        return db.query("SELECT id, name FROM tenant ORDER BY created_at, name", TenantStore::tenant);
    }

    Optional<Tenant> tenant(UUID id) {
        return db.optional("SELECT id, name FROM tenant WHERE id = ?", TenantStore::tenant, id);
    }

    private static Tenant tenant(Row row) {
        return new Tenant(row.uuid(1), row.text(2));
    }

    Source insertSource(UUID tenantId, String name, String username, String passwordHash) {
        Source source = new Source(UUID.randomUUID(), tenantId, name, username);
        try {
            db.update("INSERT INTO source (id, tenant_id, name, sftp_username, sftp_password_hash, sftp_password_changed_at)"
                            + " VALUES (?, ?, ?, ?, ?, now())",
                    source.id(), tenantId, name, username, passwordHash);
        } catch (DataAccessException e) {
            if (e.isUniqueViolation()) {
                throw new UsernameTakenException(username, "sftp.username");
            }
            throw e;
        }
        return source;
    }

    List<Source> sources(UUID tenantId) {
        return db.query("SELECT " + SOURCE + " FROM source WHERE tenant_id = ? ORDER BY created_at", TenantStore::source, tenantId);
    }

    Optional<Source> source(UUID id) {
        return db.optional("SELECT " + SOURCE + " FROM source WHERE id = ?", TenantStore::source, id);
    }

    /** A row that starts with the columns of {@link #SOURCE}. */
    private static Source source(Row row) {
        return new Source(row.uuid(1), row.uuid(2), row.text(3), row.text(4));
    }

    /** A JSON setting column of the source, read as the type ({@code fallback} when null); empty when the source does not exist. */
    <T> Optional<T> setting(UUID sourceId, String column, Argument<T> type, T fallback) {
        return db.optional("SELECT " + column + "::text FROM source WHERE id = ?", row -> Optional.ofNullable(row.text(1)), sourceId)
                .map(text -> text.map(t -> read(sourceId, column, t, type)).orElse(fallback));
    }

    private <T> T read(UUID sourceId, String column, String text, Argument<T> type) {
        try {
            return json.readValue(text, type); // null: JSON's null, the fallback
        } catch (IOException e) {
            throw new IllegalStateException("source " + sourceId + " has an unreadable " + column + ": " + e.getMessage(), e);
        }
    }

    private String toJson(String column, Object value) {
        try {
            return new String(json.writeValueAsBytes(value), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + column + " as JSON", e);
        }
    }

    /** Replaces a JSON setting column of the source; false when the source does not exist. */
    boolean saveSetting(UUID sourceId, String column, Object value) {
        return db.update("UPDATE source SET " + column + " = ?::jsonb WHERE id = ?", toJson(column, value), sourceId) == 1;
    }

    boolean saveSchedule(UUID sourceId, ScheduleSettings settings, Instant nextRunAt) {
        return db.update("UPDATE source SET schedule = ?::jsonb, next_run_at = ?, next_run_planned = true WHERE id = ?",
                toJson("schedule", settings), nextRunAt, sourceId) == 1;
    }

    /** A source's SFTP account with its password hash, if the source exists. */
    Optional<StoredAccount> sftpAccount(UUID sourceId) {
        return db.onOneConnection(c -> sftpAccount(c, "id = ?", sourceId));
    }

    /** The SFTP account with this username and its password hash, for a login. */
    Optional<StoredAccount> sftpAccountByUsername(String username) {
        return db.onOneConnection(c -> sftpAccount(c, "sftp_username = ?", username));
    }

    /**
     * Changes a source's SFTP account in one transaction, the row locked meanwhile so that two changes do not mix; the
     * edit may throw to change nothing. Empty when the source does not exist.
     */
    Optional<SftpAccount> changeSftpAccount(UUID sourceId, UnaryOperator<StoredAccount> edit) {
        StoredAccount[] edited = {null};
        try {
            return db.inTransaction(tx -> {
                Optional<StoredAccount> current = sftpAccount(tx, "id = ? FOR UPDATE", sourceId);
                if (current.isEmpty()) {
                    return Optional.empty();
                }
                edited[0] = edit.apply(current.get());
                write(tx, edited[0]);
                return sftpAccount(tx, "id = ?", sourceId).map(StoredAccount::account);
            });
        } catch (DataAccessException e) {
            if (edited[0] != null && e.isUniqueViolation()) {
                throw new UsernameTakenException(edited[0].account().username(), "username");
            }
            throw e;
        }
    }

    private static void write(Tx tx, StoredAccount stored) {
        SftpAccount a = stored.account();
        tx.update("UPDATE source SET sftp_username = ?, sftp_password_hash = ?, sftp_enabled = ?, sftp_password_changed_at = ?,"
                        + " sftp_allowed_networks = ?, sftp_changed_at = now() WHERE id = ?",
                a.username(), stored.passwordHash(), a.enabled(), a.passwordChangedAt(),
                Statements.texts(a.allowedNetworks().stream().map(AllowedNetwork::toString).toList()), a.sourceId());
        tx.update("DELETE FROM sftp_authorized_key WHERE source_id = ?", a.sourceId());
        tx.batch("INSERT INTO sftp_authorized_key (source_id, fingerprint, key_type, public_key, comment, position, added_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, coalesce(?, now()))", a.authorizedKeys(),
                (key, position) -> new Object[]{a.sourceId(), key.fingerprint(), key.type(), key.publicKey(), key.comment(),
                        position, key.addedAt()});
    }

    private record AccountRow(Source source, String hash, boolean enabled, java.time.Instant passwordChangedAt,
                              List<AllowedNetwork> networks, java.time.Instant changedAt) {
    }

    private static Optional<StoredAccount> sftpAccount(Statements on, String where, Object key) {
        return on.optional(ACCOUNT + where, row -> new AccountRow(source(row), row.text(5), row.bool(6), row.instant(7),
                        row.texts(8).stream().map(AllowedNetwork::parse).toList(), row.instant(9)), key)
                .map(found -> {
                    List<AuthorizedKey> keys = on.query("SELECT key_type, fingerprint, comment, public_key, added_at"
                                    + " FROM sftp_authorized_key WHERE source_id = ? ORDER BY position",
                            row -> new AuthorizedKey(row.text(1), row.text(2), row.text(3), row.text(4), row.instant(5)),
                            found.source().id());
                    Source source = found.source();
                    SftpAccount account = new SftpAccount(source.id(), source.tenantId(), source.sftpUsername(), found.enabled(),
                            found.hash() != null, found.passwordChangedAt(), keys, found.networks(), found.changedAt());
                    return new StoredAccount(source, account, found.hash());
                });
    }

    /** An SFTP account as stored: with the source it belongs to and its password hash (null: no password). */
    record StoredAccount(Source source, SftpAccount account, String passwordHash) {
    }

    ApiClient insertApiClient(UUID tenantId, String clientId, String secretSha256, byte[] secretSealed,
                              ApiClientSettings.Checked settings) {
        return db.one("INSERT INTO api_client (client_id, tenant_id, secret_sha256, secret_sealed, name, scopes, source_ids,"
                        + " school_sourced_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + API_CLIENT, TenantStore::apiClient,
                clientId, tenantId, secretSha256, secretSealed, settings.name(), Statements.texts(settings.scopes()),
                Statements.uuids(settings.sourceIds()), Statements.texts(settings.schoolSourcedIds()));
    }

    /** The tenant's API clients that are not deleted, oldest first. */
    List<ApiClient> apiClients(UUID tenantId) {
        return db.query("SELECT " + API_CLIENT + " FROM api_client WHERE tenant_id = ? AND deleted_at IS NULL"
                + " ORDER BY created_at, client_id", TenantStore::apiClient, tenantId);
    }

    /** An API client that is not deleted, with its secret digest and sealed secret (either may be null). */
    Optional<StoredApiClient> apiClient(String clientId) {
        return db.optional("SELECT " + API_CLIENT + ", secret_sha256, secret_sealed FROM api_client"
                        + " WHERE client_id = ? AND deleted_at IS NULL",
                row -> new StoredApiClient(apiClient(row), row.text(8), row.bytes(9)), clientId);
    }

    /** Marks the client deleted and forgets its secrets; false when the tenant has no such client (or it is gone already). */
    boolean deleteApiClient(UUID tenantId, String clientId) {
        return db.update("UPDATE api_client SET deleted_at = now(), secret_sha256 = NULL, secret_sealed = NULL"
                + " WHERE tenant_id = ? AND client_id = ? AND deleted_at IS NULL", tenantId, clientId) == 1;
    }

    private static ApiClient apiClient(Row row) {
        return new ApiClient(row.text(1), row.uuid(2), row.text(3), row.texts(4), row.uuids(5), row.texts(6), row.instant(7));
    }

    /** An API client as stored: its digest (for HTTP Basic and the token endpoint) and sealed secret (for OAuth 1.0a). */
    record StoredApiClient(ApiClient client, String secretSha256, byte[] secretSealed) {
    }
}
