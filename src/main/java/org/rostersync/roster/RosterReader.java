package org.rostersync.roster;

import jakarta.inject.Singleton;
import org.rostersync.oneroster.Column;
import org.rostersync.oneroster.RosterFile;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads a tenant's roster. Every query filters on the tenant; records come in sourcedId order. Each record is a map
 * keyed by CSV column name (sourcedId, status, dateLastModified, metadata, then the file's columns), with values as
 * String, Boolean, Integer, LocalDate, Instant, List of String or {@link Json}.
 */
@Singleton
public class RosterReader {

    private final DataSource dataSource;

    RosterReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Page page(RosterFile file, UUID tenantId, int limit, int offset) throws SQLException {
        String table = RosterTable.name(file);
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE tenant_id = ?")) {
                ps.setObject(1, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(select(file)
                    + " WHERE tenant_id = ? ORDER BY sourced_id, source_id LIMIT ? OFFSET ?")) {
                ps.setObject(1, tenantId);
                ps.setInt(2, limit);
                ps.setInt(3, offset);
                return new Page(read(file, ps), total);
            }
        }
    }

    public Optional<Map<String, Object>> find(RosterFile file, UUID tenantId, String sourcedId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(select(file)
                     + " WHERE tenant_id = ? AND sourced_id = ? ORDER BY source_id LIMIT 1")) {
            ps.setObject(1, tenantId);
            ps.setString(2, sourcedId);
            return read(file, ps).stream().findFirst();
        }
    }

    /** The sourcedIds of the orgs whose parent is each of {@code parents}. */
    public Map<String, List<String>> childOrgs(UUID tenantId, List<String> parents) throws SQLException {
        Map<String, List<String>> out = new HashMap<>();
        if (parents.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT parent_sourced_id, sourced_id FROM roster_org"
                     + " WHERE tenant_id = ? AND parent_sourced_id = ANY (?) ORDER BY sourced_id")) {
            ps.setObject(1, tenantId);
            ps.setArray(2, c.createArrayOf("text", parents.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return out;
    }

    private static String select(RosterFile file) {
        return "SELECT sourced_id, status, date_last_modified, metadata, " + RosterTable.columnList(file, "")
                + " FROM " + RosterTable.name(file);
    }

    /** Reads records selected as sourced_id, status, date_last_modified, metadata, then the file's columns in order. */
    static List<Map<String, Object>> read(RosterFile file, PreparedStatement ps) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("sourcedId", rs.getString(1));
                record.put("status", rs.getString(2));
                record.put("dateLastModified", rs.getTimestamp(3).toInstant());
                String metadata = rs.getString(4);
                record.put("metadata", metadata == null ? null : new Json(metadata));
                int index = 5;
                for (Column column : file.columns()) {
                    record.put(column.name(), value(rs, index++, column));
                }
                out.add(record);
            }
        }
        return out;
    }

    private static Object value(ResultSet rs, int index, Column column) throws SQLException {
        return switch (column.type()) {
            case STRING, ENUM -> rs.getString(index);
            case LIST -> {
                Array array = rs.getArray(index);
                yield array == null ? null : Arrays.asList((String[]) array.getArray());
            }
            case DATE -> rs.getObject(index, LocalDate.class);
            case DATETIME -> {
                java.sql.Timestamp ts = rs.getTimestamp(index);
                yield ts == null ? null : ts.toInstant();
            }
            case FLOAT -> {
                double d = rs.getDouble(index);
                yield rs.wasNull() ? null : d;
            }
            case YEAR -> {
                int year = rs.getInt(index);
                yield rs.wasNull() ? null : year;
            }
            case BOOLEAN -> {
                boolean b = rs.getBoolean(index);
                yield rs.wasNull() ? null : b;
            }
            case USER_IDS -> {
                String json = rs.getString(index);
                yield json == null ? null : new Json(json);
            }
        };
    }
}
