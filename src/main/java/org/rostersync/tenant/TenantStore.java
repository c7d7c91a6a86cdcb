package org.rostersync.tenant;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.rostersync.database.DataAccessException;
import org.rostersync.database.Db;
import org.rostersync.database.Row;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** SQL for tenants, sources and the sources' settings (JSON columns). */
@Singleton
class TenantStore {

    static final String SOURCE = "id, tenant_id, name, sftp_username";

    private final Db db;
    private final JsonMapper json;
    private final SettingsAudit audit;

    TenantStore(Db db, JsonMapper json, SettingsAudit audit) {
        this.db = db;
        this.json = json;
        this.audit = audit;
    }

    Tenant insertTenant(String name, Actor by) {
        Tenant tenant = new Tenant(UUID.randomUUID(), name);
        db.inTransaction(tx -> {
            tx.update("INSERT INTO tenant (id, name) VALUES (?, ?)", tenant.id(), tenant.name());
            audit.record(tx, by, tenant.id(), null, "Tenant", null, SettingsAudit.fields("name", name));
            return null;
        });
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

    Source insertSource(UUID tenantId, String name, String username, String passwordHash, Actor by) {
        Source source = new Source(UUID.randomUUID(), tenantId, name, username);
        try {
            db.inTransaction(tx -> {
                tx.update("INSERT INTO source (id, tenant_id, name, sftp_username, sftp_password_hash, sftp_password_changed_at)"
                                + " VALUES (?, ?, ?, ?, ?, now())",
                        source.id(), tenantId, name, username, passwordHash);
                audit.record(tx, by, tenantId, source.id(), "Source", null,
                        SettingsAudit.fields("name", name, "sftp.username", username, "sftp.password", "set"), Set.of("sftp.password"));
                return null;
            });
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
    static Source source(Row row) {
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

    /**
     * Replaces a JSON setting column of the source and records the change in the audit log, in one transaction (the row
     * locked meanwhile, so that the recorded "before" is what the change replaced); false when the source does not exist.
     *
     * @param fallback what the setting is while the column is null (the defaults), for the record's "before"
     */
    boolean saveSetting(UUID sourceId, String column, Object fallback, Object stored, Actor by) {
        return db.inTransaction(tx -> {
            Optional<Before> before = before(tx, sourceId, column);
            if (before.isEmpty()) {
                return false;
            }
            tx.update("UPDATE source SET " + column + " = ?::jsonb WHERE id = ?", toJson(column, stored), sourceId);
            Object was = before.get().json() == null ? fallback : plain(column, before.get().json());
            audit.record(tx, by, before.get().tenantId(), sourceId, LABELS.get(column), was, stored);
            return true;
        });
    }

    /** Replaces a JSON setting column of the source without a record: what a run learns (the schools it saw), not a person's change. */
    boolean learnSetting(UUID sourceId, String column, Object value) {
        return db.update("UPDATE source SET " + column + " = ?::jsonb WHERE id = ?", toJson(column, value), sourceId) == 1;
    }

    boolean saveSchedule(UUID sourceId, ScheduleSettings settings, Instant nextRunAt, Actor by) {
        return db.inTransaction(tx -> {
            Optional<Before> before = before(tx, sourceId, "schedule");
            if (before.isEmpty()) {
                return false;
            }
            tx.update("UPDATE source SET schedule = ?::jsonb, next_run_at = ?, next_run_planned = true WHERE id = ?",
                    toJson("schedule", settings), nextRunAt, sourceId);
            Object was = before.get().json() == null ? ScheduleSettings.of(ScheduleSettings.DEFAULTS.toSchedule()) : plain("schedule", before.get().json());
            audit.record(tx, by, before.get().tenantId(), sourceId, LABELS.get("schedule"), was, settings);
            return true;
        });
    }

    /** A stored JSON setting as plain maps and lists, as the audit log compares it. */
    private Object plain(String column, String text) {
        try {
            return json.readValue(text, Argument.OBJECT_ARGUMENT);
        } catch (IOException e) {
            throw new IllegalStateException("a source has an unreadable " + column + ": " + e.getMessage(), e);
        }
    }

    /** What the audit log calls each setting column. */
    private static final java.util.Map<String, String> LABELS = java.util.Map.of(
            "data_requirements", "Data requirements", "safeguards", "Safeguards", "school_mapping", "School mapping",
            "attribute_mapping", "Attribute mapping", "notifications", "Notifications", "schedule", "Schedule",
            "vendor_contacts", "Vendor contacts");

    private record Before(UUID tenantId, String json) {
    }

    private static Optional<Before> before(org.rostersync.database.Tx tx, UUID sourceId, String column) {
        return tx.optional("SELECT tenant_id, " + column + "::text FROM source WHERE id = ? FOR UPDATE",
                row -> new Before(row.uuid(1), row.text(2)), sourceId);
    }
}
