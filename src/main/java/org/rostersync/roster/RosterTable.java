package org.rostersync.roster;

import org.rostersync.oneroster.Column;
import org.rostersync.oneroster.RosterFile;

import java.util.List;
import java.util.Locale;

/** The table behind a rostering file; its columns are the CSV names in snake case (quoted: enrollments has "primary"). */
final class RosterTable {

    private RosterTable() {
    }

    static String name(RosterFile file) {
        return switch (file) {
            case ORGS -> "roster_org";
            case ACADEMIC_SESSIONS -> "roster_academic_session";
            case COURSES -> "roster_course";
            case CLASSES -> "roster_class";
            case USERS -> "roster_user";
            case DEMOGRAPHICS -> "roster_demographics";
            case ENROLLMENTS -> "roster_enrollment";
        };
    }

    static String column(Column column) {
        return column(column.name());
    }

    /** {@code orgSourcedIds} → {@code org_sourced_ids}. */
    static String column(String csvName) {
        StringBuilder out = new StringBuilder();
        for (char ch : csvName.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                out.append('_').append(Character.toLowerCase(ch));
            } else {
                out.append(ch);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** The data columns, quoted, comma-separated, each prefixed with {@code prefix}. */
    static String columnList(RosterFile file, String prefix) {
        List<String> names = file.columns().stream().map(c -> prefix + "\"" + column(c) + "\"").toList();
        return String.join(", ", names);
    }

    /** The record's name or title as an operator knows it, from the row {@code a}: a user's names, a class's title. */
    static String nameSql(RosterFile file, String a) {
        return switch (file) {
            case ORGS -> a + ".name";
            case ACADEMIC_SESSIONS, COURSES, CLASSES -> a + ".title";
            case USERS -> "nullif(concat_ws(' ', " + a + ".given_name, " + a + ".family_name), '')";
            case ENROLLMENTS -> "concat_ws(' ', " + a + ".role, " + a + ".user_sourced_id, 'in', " + a + ".class_sourced_id)";
            case DEMOGRAPHICS -> "NULL::text";
        };
    }

    /** The school (or schools) the record of row {@code a} belongs to, as sourcedIds. */
    static String schoolSql(RosterFile file, String a) {
        return switch (file) {
            case COURSES -> a + ".org_sourced_id";
            case CLASSES, ENROLLMENTS -> a + ".school_sourced_id";
            case USERS -> "array_to_string(" + a + ".org_sourced_ids, ', ')";
            case ORGS, ACADEMIC_SESSIONS, DEMOGRAPHICS -> "NULL::text";
        };
    }

    /**
     * The fields that differ between row {@code before} and row {@code after}, as a JSON object by CSV column name, each
     * {@code [before, after]}: status, metadata and the file's columns (not dateLastModified, which every write moves).
     * Empty when nothing differs.
     */
    static String differenceSql(RosterFile file, String before, String after) {
        List<String> names = new java.util.ArrayList<>(List.of("status", "metadata"));
        file.columns().forEach(c -> names.add(c.name()));
        StringBuilder sql = new StringBuilder("jsonb_strip_nulls(jsonb_build_object(");
        for (int i = 0; i < names.size(); i++) {
            String col = "\"" + column(names.get(i)) + "\"";
            sql.append(i == 0 ? "" : ", ").append('\'').append(names.get(i)).append("', CASE WHEN ").append(before).append('.').append(col)
                    .append(" IS DISTINCT FROM ").append(after).append('.').append(col).append(" THEN jsonb_build_array(")
                    .append(before).append('.').append(col).append(", ").append(after).append('.').append(col).append(") END");
        }
        return sql.append("))").toString();
    }

    /** A JSON value as the CSV would write it: a list joined by commas, a string as it is, an object as JSON; null as null. */
    static String textSql(String json) {
        return String.format("CASE jsonb_typeof(%1$s) WHEN 'null' THEN NULL"
                + " WHEN 'array' THEN (SELECT string_agg(e, ',') FROM jsonb_array_elements_text(%1$s) e)"
                + " WHEN 'string' THEN %1$s #>> '{}' ELSE (%1$s)::text END", json);
    }
}
