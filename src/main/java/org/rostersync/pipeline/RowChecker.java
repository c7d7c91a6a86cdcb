package org.rostersync.pipeline;

import org.rostersync.oneroster.Column;
import org.rostersync.oneroster.CsvRow;
import org.rostersync.oneroster.RosterFile;
import org.rostersync.report.Issue;
import org.rostersync.report.IssueAt;
import org.rostersync.report.IssueCode;
import org.rostersync.report.Outcome;
import org.rostersync.tenant.Requirement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks the rows of one file, one at a time, against its header, the run's rules and the records of earlier files,
 * changing nothing: each row comes out as a {@link CheckedRow}, its issues with it. A blank required value or a value
 * that is not of its column's type is an error, and the record is kept without it (or skipped, under Skip if Missing).
 */
final class RowChecker {

    /** sourcedIds are opaque, case-sensitive strings of up to 255 characters (reference digest §7.14). */
    static final int MAX_SOURCED_ID = 255;
    static final int MAX_METADATA = 8192;

    private final RosterFile file;
    private final String name;
    private final boolean bulk;
    private final HeaderMap header;
    /** The header's column names, to name a field by its column. */
    private final List<String> headerNames;
    private final Requirement[] requirements;
    private final References references;
    private final UnreadableRows unreadableRows;
    /** The current row's issues and references within the file, and the current value's problems. */
    private final List<Issue> issues = new ArrayList<>();
    private final List<References.Forward> forwards = new ArrayList<>();
    private final List<References.Problem> problems = new ArrayList<>();
    private final FieldReader fields;

    RowChecker(PlannedFile planned, HeaderMap header, List<String> headerNames, ImportRules rules, References references,
               UnreadableRows unreadableRows) {
        this.file = planned.file();
        this.name = file.fileName();
        this.bulk = planned.bulk();
        this.header = header;
        this.headerNames = headerNames;
        this.requirements = rules.of(file);
        this.references = references;
        this.unreadableRows = unreadableRows;
        this.fields = new FieldReader(header.legacyUserIds(), issues, problems);
    }

    CheckedRow check(CsvRow row) {
        issues.clear();
        forwards.clear();
        CheckedRow unidentified = unidentified(row);
        if (unidentified != null) {
            return unidentified;
        }
        String sourcedId = row.values()[header.sourcedId()];
        return unusable(row, sourcedId) ? CheckedRow.unreadable(held()) : record(row, sourcedId);
    }

    /** The row, when it is no record (a blank line) or cannot be read as a whole; null when it can. */
    private CheckedRow unidentified(CsvRow row) {
        String[] values = row.values();
        if (row.defect() == null && values.length == 1 && values[0].isEmpty()) {
            issues.add(IssueCode.ROW_BLANK_LINE.at(name, row.line()).message("blank line"));
            return CheckedRow.unreadable(held());
        }
        UnreadableRows.Unreadable unreadable = UnreadableRows.of(header, headerNames, row);
        if (unreadable == null) {
            return null;
        }
        // it changes nothing: the record it names is left as it was; one that names none holds the file's withdrawals
        issues.add(unreadableRows.issue(file, bulk, row, unreadable));
        String sourcedId = unreadable.usableId();
        return sourcedId == null ? CheckedRow.unreadable(held()) : CheckedRow.leftAsItWas(sourcedId, held());
    }

    /** Whether the sourcedId cannot identify a record (with the issue saying why). */
    private boolean unusable(CsvRow row, String sourcedId) {
        if (sourcedId.isBlank()) {
            issues.add(IssueCode.ROW_MISSING_REQUIRED_VALUE.at(name, row.line()).column("sourcedId").outcome(Outcome.skipped)
                    .message("sourcedId is blank, so the row cannot be identified"));
            return true;
        }
        if (sourcedId.length() > MAX_SOURCED_ID) {
            issues.add(IssueCode.ROW_FIELD_TOO_LONG.at(name, row.line()).column("sourcedId").outcome(Outcome.skipped).value(sourcedId)
                    .message("sourcedId has " + sourcedId.length() + " characters; at most " + MAX_SOURCED_ID + " are accepted"));
            return true;
        }
        References.Problem noUser = file == RosterFile.DEMOGRAPHICS ? references.userOfDemographics(sourcedId) : null;
        if (noUser != null) {
            issues.add(noUser.code().at(name, row.line()).record(sourcedId).column("sourcedId").outcome(Outcome.skipped)
                    .value(noUser.value()).message(noUser.message() + "; demographics belong to a user, so the record was not imported"));
            return true;
        }
        return false;
    }

    /** The record a readable row with a usable sourcedId stands for. */
    private CheckedRow record(CsvRow row, String sourcedId) {
        String[] values = row.values();
        RowPlace at = new RowPlace(name, row.line(), sourcedId);
        Instant modified = bulk ? null : modified(at, values);
        String status = status(at, values);
        boolean filled = bulk && (header.status() >= 0 && !values[header.status()].trim().isEmpty()
                || header.modified() >= 0 && !values[header.modified()].trim().isEmpty());
        Object[] parsed = new Object[header.columns().length];
        boolean skip = false;
        for (int c = 0; c < parsed.length; c++) {
            int index = header.columns()[c];
            if (index >= 0) { // a column the header lacks is reported once, at the header
                skip |= value(at, c, values[index], parsed);
            }
        }
        Map<String, String> metadata = metadata(at, values);
        return new CheckedRow(skip ? CheckedRow.Verdict.SKIPPED : CheckedRow.Verdict.KEPT, sourcedId, status, modified, parsed,
                metadata, filled, held(), forwards.isEmpty() ? List.of() : List.copyOf(forwards));
    }

    /** Reads column {@code c} into {@code parsed}, reporting what is wrong; true when the record is skipped for it. */
    private boolean value(RowPlace at, int c, String text, Object[] parsed) {
        Column column = file.columns().get(c);
        Requirement rule = requirements[c];
        problems.clear();
        Object value = fields.read(at, column, text);
        boolean blank = value == null;
        if (value == FieldReader.INVALID) {
            value = null;
        } else if (value != null) {
            value = references.resolve(file, c, value, problems, forwards);
        }
        boolean lacking = value == null;
        boolean skips = lacking && rule == Requirement.skip;
        if (blank && rule != Requirement.none) {
            issues.add(at.issue(IssueCode.ROW_MISSING_REQUIRED_VALUE, column.name()).outcome(skips ? Outcome.skipped : Outcome.error)
                    .message(column.name() + (skips ? " is blank" + skipReason(column) : " is required but blank")));
        }
        for (References.Problem problem : problems) {
            IssueAt issue = at.issue(problem.code(), column.name()).value(problem.value());
            issues.add(problem.tolerated() ? issue.outcome(Outcome.warning).message(problem.message()
                    + "; imported all the same: the source's data requirements accept a school of another type (classes."
                    + DataRequirementRules.SCHOOL_OF_ANOTHER_TYPE + ": report)")
                    : issue.outcome(skips ? Outcome.skipped : Outcome.error).message(problem.message()
                    + (skips ? skipReason(column) : lacking ? "; imported without it" : "; left out")));
        }
        parsed[c] = value;
        return skips;
    }

    private Map<String, String> metadata(RowPlace at, String[] values) {
        Map<String, String> metadata = header.metadata().isEmpty() ? Map.of() : new HashMap<>();
        header.metadata().forEach((index, key) -> {
            if (values[index].length() > MAX_METADATA) {
                issues.add(at.issue(IssueCode.ROW_FIELD_TOO_LONG, "metadata." + key).outcome(Outcome.warning).value(values[index])
                        .message("metadata." + key + " has " + values[index].length() + " characters; at most " + MAX_METADATA
                                + " are kept, so it was left out"));
            } else if (!values[index].isEmpty()) {
                metadata.put(key, values[index]);
            }
        });
        return metadata;
    }

    private String skipReason(Column column) {
        return "; the source requires " + file.entity() + "." + column.name() + " (Skip if Missing), so the record was not imported";
    }

    /** A delta row's dateLastModified, which it needs; null (with the issue) when it is blank or cannot be read. */
    private Instant modified(RowPlace at, String[] values) {
        String text = header.modified() < 0 ? "" : values[header.modified()].trim();
        if (text.isEmpty()) {
            issues.add(at.issue(IssueCode.ROW_MISSING_REQUIRED_VALUE, "dateLastModified")
                    .message("dateLastModified is required in a delta file"));
            return null;
        }
        Instant modified = fields.dateTime(at, "dateLastModified", text);
        if (modified == null) {
            issues.add(at.issue(IssueCode.ROW_INVALID_DATETIME, "dateLastModified").value(text)
                    .message("dateLastModified '" + text + "' is not a date and time (ISO 8601, e.g. 2026-08-17T06:00:00Z)"));
        }
        return modified;
    }

    /** active or tobedeleted; a bulk row's blank status is active, and a filled one is counted by the caller. */
    private String status(RowPlace at, String[] values) {
        String text = header.status() < 0 ? "" : values[header.status()].trim();
        if (text.isEmpty()) {
            if (!bulk) {
                issues.add(at.issue(IssueCode.ROW_MISSING_REQUIRED_VALUE, "status")
                        .message("status is required in a delta file; read as active"));
            }
            return "active";
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "active" -> "active";
            case "tobedeleted" -> "tobedeleted";
            case "inactive" -> {
                issues.add(at.issue(IssueCode.ROW_LEGACY_STATUS, "status").value(text)
                        .message("status 'inactive' is OneRoster 1.0; read as tobedeleted"));
                yield "tobedeleted";
            }
            default -> {
                issues.add(at.issue(IssueCode.ROW_INVALID_STATUS, "status").value(text)
                        .message("status '" + text + "' is not active or tobedeleted; read as active"));
                yield "active";
            }
        };
    }

    /** The current row's issues, kept with it. */
    private List<Issue> held() {
        return issues.isEmpty() ? List.of() : List.copyOf(issues);
    }
}
