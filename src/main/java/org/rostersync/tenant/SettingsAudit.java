package org.rostersync.tenant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.rostersync.database.Db;
import org.rostersync.database.Row;
import org.rostersync.database.Statements;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The settings audit log: every change of a setting of a tenant or a source, who made it, when, and each field before
 * and after. A change is recorded by the store that makes it, with the {@link Statements} of its own transaction, so the
 * record and the change commit together or not at all; a save that changes nothing records nothing. Secrets are named
 * by the caller and never kept (see {@link FieldChange}).
 */
@Singleton
public class SettingsAudit {

    /** At most this many fields are kept per change (a school mapping can list thousands); the rest are counted. */
    static final int MAX_FIELDS = 200;
    private static final Argument<List<FieldChange>> FIELDS = Argument.listOf(FieldChange.class);

    private final Db db;
    private final JsonMapper json;

    SettingsAudit(Db db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /**
     * Records a change of a setting: {@code before} and {@code after} are compared as their JSON forms (null: the
     * setting did not exist before, or is gone after).
     *
     * @param on      the transaction of the change
     * @param secrets the fields whose values are never kept
     */
    public void record(Statements on, Actor by, @Nullable UUID tenantId, @Nullable UUID sourceId, String setting,
                       @Nullable Object before, @Nullable Object after, Set<String> secrets) {
        List<FieldChange> fields = SettingFields.diff(SettingFields.of(json, before), SettingFields.of(json, after), secrets);
        if (fields.isEmpty()) {
            return;
        }
        if (fields.size() > MAX_FIELDS) {
            int more = fields.size() - MAX_FIELDS;
            fields = new ArrayList<>(fields.subList(0, MAX_FIELDS));
            fields.add(new FieldChange("and " + more + " more fields", null, null));
        }
        on.update("INSERT INTO setting_change (tenant_id, source_id, changed_by, setting, fields) VALUES (?, ?, ?, ?, ?::jsonb)",
                tenantId, sourceId, by.username(), setting, toJson(fields));
    }

    /** The same, for a setting that has no secret. */
    public void record(Statements on, Actor by, @Nullable UUID tenantId, @Nullable UUID sourceId, String setting,
                       @Nullable Object before, @Nullable Object after) {
        record(on, by, tenantId, sourceId, setting, before, after, Set.of());
    }

    private static final String CHANGE = "SELECT c.id, c.tenant_id, c.source_id, s.name, c.changed_at, c.changed_by, c.setting,"
            + " c.fields::text FROM setting_change c LEFT JOIN source s ON s.id = c.source_id WHERE ";

    /** The source's changes, newest first, older than {@code beforeId} when given. */
    public List<SettingChange> forSource(UUID sourceId, int limit, @Nullable Long beforeId) {
        return db.query(CHANGE + "c.source_id = ? AND c.id < ? ORDER BY c.id DESC LIMIT ?", this::change,
                sourceId, beforeId == null ? Long.MAX_VALUE : beforeId, limit);
    }

    /** The changes of the tenant and of all its sources, newest first, older than {@code beforeId} when given. */
    public List<SettingChange> forTenant(UUID tenantId, int limit, @Nullable Long beforeId) {
        return db.query(CHANGE + "c.tenant_id = ? AND c.id < ? ORDER BY c.id DESC LIMIT ?", this::change,
                tenantId, beforeId == null ? Long.MAX_VALUE : beforeId, limit);
    }

    private SettingChange change(Row row) {
        try {
            return new SettingChange(row.number(1), row.uuid(2), row.uuid(3), row.text(4), row.instant(5), row.text(6), row.text(7),
                    json.readValue(row.text(8), FIELDS));
        } catch (IOException e) {
            throw new IllegalStateException("setting change " + row.number(1) + " is unreadable", e);
        }
    }

    private String toJson(List<FieldChange> fields) {
        try {
            return new String(json.writeValueAsBytes(fields), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a setting change as JSON", e);
        }
    }

    /** A setting as plain fields, for the stores whose settings are columns rather than one JSON value. */
    public static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
