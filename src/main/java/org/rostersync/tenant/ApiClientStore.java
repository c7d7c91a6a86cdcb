package org.rostersync.tenant;

import jakarta.inject.Singleton;
import org.rostersync.database.Db;
import org.rostersync.database.Row;
import org.rostersync.database.Statements;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for the tenants' OneRoster API clients. */
@Singleton
class ApiClientStore {

    private static final String API_CLIENT = "client_id, tenant_id, name, scopes, source_ids, school_sourced_ids, created_at";

    private final Db db;
    private final SettingsAudit audit;

    ApiClientStore(Db db, SettingsAudit audit) {
        this.db = db;
        this.audit = audit;
    }

    ApiClient insertApiClient(UUID tenantId, String clientId, String secretSha256, byte[] secretSealed,
                              ApiClientSettings.Checked settings, Actor by) {
        return db.inTransaction(tx -> {
            ApiClient client = tx.one("INSERT INTO api_client (client_id, tenant_id, secret_sha256, secret_sealed, name, scopes,"
                            + " source_ids, school_sourced_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + API_CLIENT,
                    ApiClientStore::apiClient, clientId, tenantId, secretSha256, secretSealed, settings.name(),
                    Statements.texts(settings.scopes()), Statements.uuids(settings.sourceIds()),
                    Statements.texts(settings.schoolSourcedIds()));
            audit.record(tx, by, tenantId, null, label(client), null, audited(client, "set"), java.util.Set.of("secret"));
            return client;
        });
    }

    /** What the audit log calls a client: by its name, and its id, which is what its app's vendor knows it by. */
    private static String label(ApiClient client) {
        return "API client " + (client.name().isBlank() ? "" : client.name() + " ") + "(" + client.clientId() + ")";
    }

    private static java.util.Map<String, Object> audited(ApiClient client, String secret) {
        return SettingsAudit.fields("scopes", client.scopes(), "sourceIds", client.sourceIds().stream().map(UUID::toString).toList(),
                "schoolSourcedIds", client.schoolSourcedIds(), "secret", secret);
    }

    /** The tenant's API clients that are not deleted, oldest first. */
    List<ApiClient> apiClients(UUID tenantId) {
        return db.query("SELECT " + API_CLIENT + " FROM api_client WHERE tenant_id = ? AND deleted_at IS NULL"
                + " ORDER BY created_at, client_id", ApiClientStore::apiClient, tenantId);
    }

    /** An API client that is not deleted, with its secret digest and sealed secret (either may be null). */
    Optional<StoredApiClient> apiClient(String clientId) {
        return db.optional("SELECT " + API_CLIENT + ", secret_sha256, secret_sealed FROM api_client"
                        + " WHERE client_id = ? AND deleted_at IS NULL",
                row -> new StoredApiClient(apiClient(row), row.text(8), row.bytes(9)), clientId);
    }

    /** Marks the client deleted and forgets its secrets; false when the tenant has no such client (or it is gone already). */
    boolean deleteApiClient(UUID tenantId, String clientId, Actor by) {
        return db.inTransaction(tx -> {
            Optional<ApiClient> deleted = tx.optional("UPDATE api_client SET deleted_at = now(), secret_sha256 = NULL,"
                    + " secret_sealed = NULL WHERE tenant_id = ? AND client_id = ? AND deleted_at IS NULL RETURNING " + API_CLIENT,
                    ApiClientStore::apiClient, tenantId, clientId);
            deleted.ifPresent(client -> audit.record(tx, by, tenantId, null, label(client),
                    SettingsAudit.fields("client", "active", "secret", "set"), SettingsAudit.fields("client", "revoked", "secret", null),
                    java.util.Set.of("secret")));
            return deleted.isPresent();
        });
    }

    private static ApiClient apiClient(Row row) {
        return new ApiClient(row.text(1), row.uuid(2), row.text(3), row.texts(4), row.uuids(5), row.texts(6), row.instant(7));
    }

    /** An API client as stored: its digest (for HTTP Basic and the token endpoint) and sealed secret (for OAuth 1.0a). */
    record StoredApiClient(ApiClient client, String secretSha256, byte[] secretSealed) {
    }
}
