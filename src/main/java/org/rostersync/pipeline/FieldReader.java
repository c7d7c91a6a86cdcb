package org.rostersync.pipeline;

import org.rostersync.oneroster.Column;
import org.rostersync.oneroster.Fields;
import org.rostersync.report.Issue;
import org.rostersync.report.IssueCode;

import java.time.Instant;
import java.util.List;

/**
 * Reads the fields of one file by their column's type: null when blank, {@link #INVALID} when the value cannot be read
 * (its problem added to the row's problems, for the data requirement to decide on). Warnings about values that were
 * read (another letter case, a lenient date, a grade outside CEDS) go to the row's issues.
 */
final class FieldReader {

    /** Far above any real value (the spec asks that 255 be kept), low enough that a bad file cannot bloat the roster. */
    static final int MAX_FIELD = 4096;

    /** A value that was there but could not be read. */
    static final Object INVALID = new Object();

    /** users.csv names its ids with the OneRoster 1.0 column userId (plain values). */
    private final boolean legacyUserIds;
    private final List<Issue> warnings;
    private final List<References.Problem> problems;

    /**
     * @param warnings the current row's issues
     * @param problems the current value's problems
     */
    FieldReader(boolean legacyUserIds, List<Issue> warnings, List<References.Problem> problems) {
        this.legacyUserIds = legacyUserIds;
        this.warnings = warnings;
        this.problems = problems;
    }

    Object read(RowPlace at, Column column, String text) {
        if (text.length() > MAX_FIELD) {
            problems.add(new References.Problem(IssueCode.ROW_FIELD_TOO_LONG, column.name() + " has " + text.length()
                    + " characters; at most " + MAX_FIELD + " are kept", text));
            return INVALID;
        }
        if (text.isBlank()) {
            return null;
        }
        Object value = typed(at, column, text);
        if (value == null) {
            problems.add(new References.Problem(invalid(column), column.name() + " '" + text + "' is not " + expected(column), text));
            return INVALID;
        }
        return value;
    }

    /** The value of its column's type, or null when it is not one. */
    private Object typed(RowPlace at, Column column, String text) {
        return switch (column.type()) {
            case STRING -> text;
            case LIST -> list(at, column, text);
            case ENUM -> enumValue(at, column, text);
            case DATE -> Fields.date(text);
            case DATETIME -> dateTime(at, column.name(), text);
            case FLOAT -> Fields.decimal(text);
            case YEAR -> Fields.year(text);
            case BOOLEAN -> bool(at, column, text);
            case USER_IDS -> Fields.userIds(legacyUserIds && !text.contains("{") ? "{userId:" + text.trim() + "}" : text);
        };
    }

    private List<String> list(RowPlace at, Column column, String text) {
        List<String> list = Fields.list(text);
        if (column.name().equals("grades")) {
            checkGrades(at, list);
        }
        return list.isEmpty() ? null : list;
    }

    private String enumValue(RowPlace at, Column column, String text) {
        if (Fields.isExtension(text.trim())) {
            return text.trim();
        }
        String canonical = Fields.enumValue(text, column.values());
        if (canonical != null && !canonical.equals(text)) {
            misspelled(at, column, text, canonical);
        }
        return canonical;
    }

    private Boolean bool(RowPlace at, Column column, String text) {
        Boolean b = Fields.bool(text);
        if (b != null && !text.equals(b.toString())) {
            misspelled(at, column, text, b.toString());
        }
        return b;
    }

    private void misspelled(RowPlace at, Column column, String text, String canonical) {
        warnings.add(at.issue(IssueCode.ROW_VALUE_CASE, column.name()).value(text)
                .message(column.name() + " '" + text + "' should be spelled '" + canonical + "'"));
    }

    /** Grades outside CEDS are common (local codes) and harmless to store: a warning, not an error. */
    private void checkGrades(RowPlace at, List<String> grades) {
        for (String grade : grades) {
            if (!Fields.GRADES.contains(grade)) {
                warnings.add(at.issue(IssueCode.ROW_UNKNOWN_GRADE, "grades").value(grade)
                        .message("grade '" + grade + "' is not a CEDS grade level code (" + Fields.GRADE_LIST + ")"));
                return;
            }
        }
    }

    /** ISO 8601 with a zone; the lenient forms real files use (no zone, a space, a bare date) are read as UTC, with a warning. */
    Instant dateTime(RowPlace at, String column, String text) {
        Instant instant = Fields.dateTime(text);
        if (instant != null && !Fields.isStrictDateTime(text)) {
            warnings.add(at.issue(IssueCode.ROW_LENIENT_DATETIME, column).value(text).message(column + " '" + text
                    + "' should be ISO 8601 with a zone (e.g. 2026-08-17T06:00:00.000Z); read as " + instant));
        }
        return instant;
    }

    private static String expected(Column column) {
        return switch (column.type()) {
            case ENUM -> "one of " + String.join(", ", column.values());
            case DATE -> "a date (YYYY-MM-DD)";
            case DATETIME -> "a date and time (ISO 8601, e.g. 2026-08-17T06:00:00Z)";
            case FLOAT -> "a number";
            case YEAR -> "a year (YYYY)";
            case BOOLEAN -> "true or false";
            case USER_IDS -> "a list of {type:identifier}";
            case STRING, LIST -> "text";
        };
    }

    /** A value of the column's type that cannot be read; text is always text, and no imported file has a number column. */
    private static IssueCode invalid(Column column) {
        return switch (column.type()) {
            case ENUM -> IssueCode.ROW_INVALID_ENUM;
            case LIST -> IssueCode.ROW_INVALID_LIST;
            case DATE -> IssueCode.ROW_INVALID_DATE;
            case DATETIME -> IssueCode.ROW_INVALID_DATETIME;
            case YEAR -> IssueCode.ROW_INVALID_YEAR;
            case BOOLEAN -> IssueCode.ROW_INVALID_BOOLEAN;
            case USER_IDS -> IssueCode.ROW_INVALID_USER_IDS;
            case STRING, FLOAT -> throw new IllegalStateException(column.name() + " is read as " + column.type()
                    + ", which no value fails");
        };
    }
}
