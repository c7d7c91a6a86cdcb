package org.rostersync.roster;

import org.rostersync.oneroster.Column;
import org.rostersync.oneroster.RosterFile;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads stored records as maps keyed by CSV column name (sourcedId, status, dateLastModified, metadata, then the file's
 * columns), with values as String, Boolean, Integer, LocalDate, Instant, List of String or {@link Json}. The queries that
 * select them are {@link RosterQuery}'s.
 */
final class RosterRecords {

    private RosterRecords() {
    }

    /** The key under which each record carries the source it came from (not part of the 1.1 JSON). */
    static final String SOURCE_ID = "rostersync.sourceId";

    /**
     * Reads records selected as sourced_id, status, date_last_modified, metadata, the file's columns in order, then
     * source_id.
     */
    static List<Map<String, Object>> read(RosterFile file, PreparedStatement ps) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        RecordMap.Layout layout = RecordMap.Layout.of(file);
        List<Column> columns = file.columns();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Object[] values = new Object[columns.size() + 5];
                values[0] = rs.getString(1);
                values[1] = rs.getString(2);
                values[2] = rs.getTimestamp(3).toInstant();
                String metadata = rs.getString(4);
                values[3] = metadata == null ? null : new Json(metadata);
                for (int i = 0; i < columns.size(); i++) {
                    values[4 + i] = value(rs, 5 + i, columns.get(i)); // JDBC counts from 1
                }
                values[4 + columns.size()] = rs.getObject(5 + columns.size(), java.util.UUID.class);
                out.add(new RecordMap(layout, values));
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
