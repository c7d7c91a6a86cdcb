package org.rostersync.pipeline;

import org.rostersync.oneroster.CsvRow;
import org.rostersync.oneroster.RosterFile;
import org.rostersync.oneroster.RowDefect;
import org.rostersync.report.Issue;
import org.rostersync.report.IssueCode;
import org.rostersync.report.Outcome;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Rows that cannot be read as a whole: broken quoting, a row too long, the wrong number of fields, a control character,
 * bytes that cannot be decoded. Such a row never changes or withdraws a record. The record whose sourcedId it still
 * names is left exactly as it was; a row that names none may stand for any record its bulk file no longer lists, so
 * the file's withdrawals wait for an operator ({@link Unidentified}, {@link SafeguardCheck#trip}). One per run.
 */
final class UnreadableRows {

    /**
     * Why a row cannot be read as a whole: its issue code, what is wrong in an operator's words, the column concerned
     * (or null for the row), and the id the row still names (or null).
     */
    record Unreadable(IssueCode code, String problem, String column, String sourcedId) {

        /** The sourcedId the row names, if it can name a record: not blank, not too long, nothing garbled. */
        String usableId() {
            if (sourcedId == null || sourcedId.isBlank() || sourcedId.length() > RowChecker.MAX_SOURCED_ID) {
                return null;
            }
            for (int i = 0; i < sourcedId.length(); i++) {
                char ch = sourcedId.charAt(i);
                if (ch < 0x20 || ch == 0x7f || ch == '\uFFFD') {
                    return null;
                }
            }
            return sourcedId;
        }
    }

    /**
     * A bulk file's rows that could not be read and name no record: any record the file no longer lists may be one of
     * them, so withdrawing those records waits for an operator.
     *
     * @param lines the first {@link #LISTED} of them
     */
    record Unidentified(long count, List<Long> lines) {

        static final int LISTED = 10;

        Unidentified and(long line) {
            List<Long> more = lines;
            if (lines.size() < LISTED) {
                more = new ArrayList<>(lines);
                more.add(line);
            }
            return new Unidentified(count + 1, List.copyOf(more));
        }

        /** "line 4", "lines 4, 9, 12", or "lines 4, 9, ... (25 rows)". */
        String describe() {
            String listed = lines.stream().map(String::valueOf).collect(Collectors.joining(", "));
            return (count == 1 ? "line " : "lines ") + listed + (count > lines.size() ? ", ... (" + count + " rows)" : "");
        }
    }

    private final Map<RosterFile, Unidentified> unidentified = new EnumMap<>(RosterFile.class);

    /**
     * What makes the row unreadable, with the sourcedId it still names (or null); null when it can be read.
     *
     * @param headerNames the file's header, to name a field by its column
     */
    static Unreadable of(HeaderMap header, List<String> headerNames, CsvRow row) {
        String[] values = row.values();
        RowDefect defect = row.defect();
        int id = header.sourcedId();
        if (defect != null && !defect.isRead()) {
            // only the fields before the defect are there, and they are as written
            return new Unreadable(code(defect), "it " + defect.problem(), null, id < values.length ? values[id] : null);
        }
        if (values.length != header.width()) {
            // a comma too many or too few shifts the fields after it: only the first field is surely where it belongs
            return new Unreadable(IssueCode.ROW_WRONG_FIELD_COUNT, "it has " + values.length + " fields where the header has "
                    + header.width() + ": a comma inside a field that is not quoted?", null, id == 0 ? values[0] : null);
        }
        if (row.control() != null) {
            int field = row.control().field();
            String column = columnName(headerNames, field);
            return new Unreadable(IssueCode.ROW_CONTROL_CHARACTER, column + " holds the control character U+"
                    + String.format("%04X", (int) row.control().character()), column, field == id ? null : values[id]);
        }
        if (defect == RowDefect.INVALID_UTF8) {
            for (int f = 0; f < values.length; f++) {
                if (garbled(values[f])) {
                    // a value that lost its letters must not replace the one stored
                    String column = columnName(headerNames, f);
                    return new Unreadable(code(defect), column + " " + defect.problem(), column,
                            garbled(values[id]) ? null : values[id]);
                }
            }
        }
        return null;
    }

    /** The row's issue; a row of a bulk file that names no record is counted against the file's withdrawals. */
    Issue issue(RosterFile file, boolean bulk, CsvRow row, Unreadable unreadable) {
        String name = file.fileName();
        String sourcedId = unreadable.usableId();
        if (sourcedId != null) {
            return unreadable.code().at(name, row.line()).record(sourcedId).column(unreadable.column()).outcome(Outcome.skipped)
                    .message("the row could not"
                    + " be read (" + unreadable.problem() + "); " + sourcedId + " was kept as it was, neither changed nor withdrawn");
        }
        if (bulk) {
            unidentified.merge(file, new Unidentified(1, List.of(row.line())), (was, one) -> was.and(row.line()));
        }
        return unreadable.code().at(name, row.line()).column(unreadable.column()).outcome(Outcome.skipped)
                .message("the row could not be read ("
                + unreadable.problem() + ") and no sourcedId could be read from it"
                + (bulk ? ": the records this bulk file no longer lists are not withdrawn unless an operator approves" : ""));
    }

    /** The issue of a row (or a header line) the reader found wrong. */
    static IssueCode code(RowDefect defect) {
        return switch (defect) {
            case INVALID_UTF8 -> IssueCode.CSV_INVALID_UTF8;
            case LINE_TOO_LONG -> IssueCode.CSV_LINE_TOO_LONG;
            case STRAY_QUOTE -> IssueCode.CSV_STRAY_QUOTE;
            case UNCLOSED_QUOTE -> IssueCode.CSV_UNCLOSED_QUOTE;
        };
    }

    /** The bulk files whose unreadable rows name no record, so far. */
    Map<RosterFile, Unidentified> unidentified() {
        return Map.copyOf(unidentified);
    }

    private static String columnName(List<String> headerNames, int field) {
        return field < headerNames.size() && !headerNames.get(field).isBlank() ? headerNames.get(field).trim() : "field " + (field + 1);
    }

    /** Whether the value holds the U+FFFD that stands in for bytes that could not be decoded. */
    private static boolean garbled(String value) {
        return value.indexOf('\uFFFD') >= 0;
    }
}
