package org.rostersync.roster;

import org.rostersync.oneroster.Column;
import org.rostersync.oneroster.ColumnType;
import org.rostersync.oneroster.RosterFile;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The allow-list of fields a query may filter and sort on, per file: each name of the 1.1 binding maps to a fixed SQL
 * expression on the table aliased {@code t}. Names are the CSV columns, sourcedId, status and dateLastModified, and
 * the binding's dotted forms of references ({@code parent.sourcedId}, {@code orgs.sourcedId}). Nothing of a request's
 * text ever becomes SQL: an unknown name is refused before a statement is built.
 */
final class RosterFields {

    /** A field: its SQL expression and how its values are read. */
    record Field(String sql, ColumnType type) {
    }

    private static final Map<RosterFile, Map<String, Field>> FIELDS = build();

    private RosterFields() {
    }

    /** The field, or empty when the name is not on the file's allow-list (metadata.* is handled by the caller). */
    static Optional<Field> of(RosterFile file, String name) {
        return Optional.ofNullable(FIELDS.get(file).get(name));
    }

    static Map<String, Field> all(RosterFile file) {
        return FIELDS.get(file);
    }

    private static Map<RosterFile, Map<String, Field>> build() {
        Map<RosterFile, Map<String, Field>> out = new EnumMap<>(RosterFile.class);
        for (RosterFile file : RosterFile.values()) {
            Map<String, Field> fields = new LinkedHashMap<>();
            fields.put("sourcedId", new Field("t.sourced_id", ColumnType.STRING));
            fields.put("status", new Field("t.status", ColumnType.ENUM));
            fields.put("dateLastModified", new Field("t.date_last_modified", ColumnType.DATETIME));
            for (Column column : file.columns()) {
                if (column.type() == ColumnType.USER_IDS) {
                    continue; // a JSON list of {type, identifier}: not comparable to one quoted value
                }
                Field field = new Field("t.\"" + RosterTable.column(column) + "\"", column.type());
                fields.put(column.name(), field);
                dotted(column.name()).ifPresent(name -> fields.put(name, field));
            }
            out.put(file, Collections.unmodifiableMap(fields));
        }
        return out;
    }

    /** {@code parentSourcedId} → {@code parent.sourcedId}; {@code orgSourcedIds} → {@code orgs.sourcedId}: the JSON names. */
    private static Optional<String> dotted(String csvName) {
        if (csvName.endsWith("SourcedIds")) {
            return Optional.of(csvName.substring(0, csvName.length() - "SourcedIds".length()) + "s.sourcedId");
        }
        if (csvName.endsWith("SourcedId")) {
            return Optional.of(csvName.substring(0, csvName.length() - "SourcedId".length()) + ".sourcedId");
        }
        return Optional.empty();
    }
}
