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
}
