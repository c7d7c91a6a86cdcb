package org.rostersync.pipeline;

import org.rostersync.oneroster.Column;
import org.rostersync.oneroster.CsvFile;
import org.rostersync.oneroster.CsvFormatException;
import org.rostersync.oneroster.CsvRereader;
import org.rostersync.oneroster.CsvRow;
import org.rostersync.oneroster.Encoding;
import org.rostersync.oneroster.Fields;
import org.rostersync.oneroster.RosterFile;
import org.rostersync.report.FileCounts;
import org.rostersync.report.Issue;
import org.rostersync.report.IssueAt;
import org.rostersync.report.IssueCode;
import org.rostersync.report.Outcome;
import org.rostersync.roster.MergeResult;
import org.rostersync.roster.RowSink;
import org.rostersync.roster.RowSource;
import org.rostersync.tenant.AttributeMapping;
import org.rostersync.tenant.Requirement;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one rostering file row by row, checks each field against its column, and streams the rows worth keeping into
 * the run's transaction. Bad rows become issues, never exceptions: a blank required value or a value that is not of its
 * column's type is an error, and the record is kept without it. A row that cannot be read as a whole (broken quoting,
 * the wrong number of fields, a control character, bytes that cannot be decoded) never changes or withdraws a record:
 * the record it names keeps what it had, and a bulk file with unreadable rows that name no record has its withdrawals
 * held (see {@link UnreadableRows}).
 */
final class FileImporter {

    /** sourcedIds are opaque, case-sensitive strings of up to 255 characters (reference digest §7.14). */
    static final int MAX_SOURCED_ID = 255;
    /** Far above any real value (the spec asks that 255 be kept), low enough that a bad file cannot bloat the roster. */
    static final int MAX_FIELD = 4096;
    static final int MAX_METADATA = 8192;

    private static final int ORG_TYPE = RosterFile.ORGS.columns().indexOf(RosterFile.ORGS.column("type").orElseThrow());
    private static final int ORG_NAME = RosterFile.ORGS.columns().indexOf(RosterFile.ORGS.column("name").orElseThrow());

    /** A value that was there but could not be read. */
    private static final Object INVALID = new Object();

    private final RunIssues issues;
    /** Per file: the header's column names, to name a field by its column. */
    private List<String> headerNames = List.of();
    /** Per run: the rows that could not be read as a whole. */
    private final UnreadableRows unreadableRows = new UnreadableRows();
    /** Per file: rows of a bulk file that fill status or dateLastModified, and the first of them. */
    private long filledInBulk;
    private long firstFilledInBulk;
    /** Per file: users.csv names its ids with the OneRoster 1.0 column userId (plain values). */
    private boolean legacyUserIds;

    private final References references;
    private final SchoolScope scope;
    private final Progress progress;
    private final Map<RosterFile, Requirement[]> rules;
    /** The source never deletes: rows that say tobedeleted are not applied. */
    private final boolean neverDelete;
    /** The current delta row's dateLastModified, when it could be read. */
    private java.time.Instant rowModified;
    /** Per file: when merging began and ended (System.nanoTime), 0 when it did not happen. */
    private long mergeStarted;
    private long mergeEnded;
    private final AttributeMapping attributeMapping;
    /** The current row's issues, held until it is known whether the record is kept. */
    private final List<Issue> rowIssues = new ArrayList<>();
    private final List<References.Problem> problems = new ArrayList<>();
    /** The current row's references within its file, settled at the file's end. */
    private final List<References.Forward> forwards = new ArrayList<>();

    FileImporter(RunIssues issues, References references, RunSettings settings, SchoolScope scope) {
        this(issues, references, settings, scope, Progress.NONE);
    }

    FileImporter(RunIssues issues, References references, RunSettings settings, SchoolScope scope, Progress progress) {
        this.issues = issues;
        this.references = references;
        this.scope = scope;
        this.progress = progress;
        this.rules = DataRequirementRules.effective(settings.dataRequirements());
        this.neverDelete = settings.safeguards().neverDelete();
        this.attributeMapping = settings.attributeMapping();
    }

    /** Opens the sink that receives one file's checked rows. */
    @FunctionalInterface
    interface Sinks {
        /** @param expectedRows about how many rows the file has */
        RowSink open(RosterFile file, boolean bulk, long expectedRows) throws SQLException;
    }

    FileCounts load(Sinks sinks, PlannedFile planned) throws IOException, SQLException {
        mergeStarted = 0;
        mergeEnded = 0;
        try {
            return read(sinks, planned);
        } finally {
            references.endOfFile(); // a file that fails leaves nothing for the next one
        }
    }

    private FileCounts read(Sinks sinks, PlannedFile planned) throws IOException, SQLException {
        RosterFile file = planned.file();
        String name = file.fileName();
        long rows = 0;
        long started = System.nanoTime();
        long skipped = 0;
        MergeResult merged = MergeResult.NONE;
        try (CsvFile csv = CsvFile.open(planned.path())) {
            headerNames = csv.header();
            HeaderMap header = HeaderMap.of(file, csv.header(), rules.get(file), attributeMapping.of(file.entity()), issues);
            if (header == null) {
                return counts(planned, rows, skipped, merged, started);
            }
            filledInBulk = 0;
            if (file == RosterFile.ORGS && planned.bulk()) {
                scope.listedInBulk();
            }
            legacyUserIds = header.legacyUserIds();
            long expected = expectedRows(planned);
            references.expect(file, expected);
            try (RowSink load = sinks.open(file, planned.bulk(), expected)) {
                progress.rows(name, 0, false);
                for (CsvRow row : csv) {
                    if (++rows % Progress.EVERY == 0) {
                        progress.rows(name, rows, false);
                    }
                    if (!stage(load, file, planned.bulk(), header, row)) {
                        skipped++;
                    }
                    rowIssues.clear();
                }
                mergeStarted = System.nanoTime();
                merged = load.finish(again(planned, header, csv.encoding()));
                mergeEnded = System.nanoTime();
                for (long gone : merged.keptWithoutRecord()) {
                    references.noRecord(file, gone); // an unreadable row of a new record: references to it find nothing
                }
                Encoding encoding = csv.encoding();
                references.endFile(file, (offsets, lines) -> reread(planned, header, encoding, offsets, lines),
                        (column, sourcedIds, targets) -> dropReferences(load, column, sourcedIds, targets));
            }
            Encoding encoding = csv.encoding();
            String note = csv.encodingNote();
            if (note != null) {
                IssueCode code = encoding == Encoding.WINDOWS_1252 ? IssueCode.CSV_WINDOWS_1252 : IssueCode.CSV_UTF16;
                issues.add(code.ofFile(name, note));
            }
            progress.rows(name, rows, true);
            if (rows == 0) {
                issues.add(IssueCode.SCHEMA_HEADER_ONLY.at(name, 1L).message(name + " has a header but no rows"
                        + (planned.bulk() ? ": as a bulk file it says that every record of it is gone; declare the file absent"
                        + " in manifest.csv if it was not exported" : "")));
            }
            if (filledInBulk > 0) {
                issues.add(IssueCode.ROW_BULK_STATUS_FILLED.at(name, firstFilledInBulk).column("status").message(filledInBulk
                        + " rows of this bulk file fill status or dateLastModified (first on line " + firstFilledInBulk
                                + "), which bulk files leave blank: tolerated, the file is still read as the complete set"));
            }
        } catch (CsvFormatException e) {
            issues.add(UnreadableRows.code(e.defect()).at(name, e.line()).outcome(Outcome.fatal).message(e.getMessage()));
            return counts(planned, rows, skipped, merged, started);
        }
        if (merged.deletionsPrevented() > 0) {
            issues.add(IssueCode.SAFEGUARD_DELETIONS_PREVENTED.inFile(name).message(merged.deletionsPrevented()
                    + " records this bulk file no longer lists were kept active: the source's safeguards never delete"));
        }
        for (MergeResult.Duplicate d : merged.duplicates()) {
            skipped++;
            issues.add(IssueCode.REFERENCE_DUPLICATE_SOURCED_ID.at(name, d.line()).record(d.sourcedId()).column("sourcedId")
                    .message("sourcedId '" + d.sourcedId() + "' already appeared on line " + d.firstLine()
                    + "; only the first row is imported"));
        }
        return counts(planned, rows, skipped, merged, started);
    }

    private static void dropReferences(RowSink load, Column column, List<String> sourcedIds, List<List<String>> targets)
            throws IOException {
        try {
            load.dropReferences(column, sourcedIds, targets);
        } catch (SQLException e) {
            throw new IOException("cannot take the references that lead nowhere out of " + column.name() + ": " + e.getMessage(), e);
        }
    }

    /** The first megabyte's line breaks, scaled to the file's size: tables sized once, neither grown nor twice too large. */
    static long expectedRows(PlannedFile planned) throws IOException {
        long size = java.nio.file.Files.size(planned.path());
        byte[] head = new byte[(int) Math.min(size, 1 << 20)];
        int read;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(planned.path())) {
            read = in.readNBytes(head, 0, head.length);
        }
        long breaks = 0;
        for (int i = 0; i < read; i++) {
            if (head[i] == '\n') {
                breaks++;
            }
        }
        return read == 0 ? 0 : breaks * size / read + 1;
    }

    /** The rows at the offsets (ascending), read again: only the few whose references need their details. */
    private static Map<Long, References.RowText> reread(PlannedFile planned, HeaderMap header, Encoding encoding, long[] offsets,
                                                        long[] lines) throws IOException {
        Map<Long, References.RowText> rows = new HashMap<>();
        try (CsvRereader csv = CsvRereader.open(planned.path(), encoding)) {
            for (int i = 0; i < offsets.length; i++) {
                CsvRow row = csv.rowAt(offsets[i], lines[i]);
                String[] values = row.values();
                if (values.length != header.width() || row.defect() != null && !row.defect().isRead()) {
                    continue;
                }
                String[] columns = new String[header.columns().length];
                for (int c = 0; c < columns.length; c++) {
                    columns[c] = header.columns()[c] < 0 ? "" : values[header.columns()[c]];
                }
                rows.put(lines[i], new References.RowText(values[header.sourcedId()], columns));
            }
        }
        return rows;
    }

    /** What the checks make of a row. */
    private enum Verdict {
        /** The row cannot be identified, or is no record (a blank line): skipped, with its issue. */
        UNREADABLE,
        /** The row cannot be read as a whole, but names its record: that record is left exactly as it was. */
        LEFT_AS_IT_WAS,
        /** A field the source requires (Skip if Missing) is missing or invalid: skipped, with the skipped issues. */
        SKIPPED,
        /** The record is imported (with its errors and warnings). */
        KEPT
    }

    /**
     * One row as the checks left it.
     *
     * @param filled a bulk row that fills status or dateLastModified
     */
    private record Checked(Verdict verdict, String sourcedId, String status, java.time.Instant modified, Object[] values,
                           Map<String, String> metadata, boolean filled) {

        static final Checked UNREADABLE = new Checked(Verdict.UNREADABLE, null, null, null, null, null, false);

        static Checked leftAsItWas(String sourcedId) {
            return new Checked(Verdict.LEFT_AS_IT_WAS, sourcedId, null, null, null, null, false);
        }
    }

    /** The bulk files whose unreadable rows name no record, by file. */
    Map<RosterFile, UnreadableRows.Unidentified> unidentified() {
        return unreadableRows.unidentified();
    }

    /** Checks one row and stages it; false when it is skipped. */
    private boolean stage(RowSink load, RosterFile file, boolean bulk, HeaderMap header, CsvRow row) throws IOException {
        Checked checked = check(file, bulk, header, row);
        if (checked.verdict() == Verdict.UNREADABLE) {
            rowIssues.forEach(issues::add);
            return false;
        }
        if (checked.verdict() == Verdict.LEFT_AS_IT_WAS) {
            rowIssues.forEach(issues::add);
            load.keep(row.line(), checked.sourcedId());
            references.leftAsItWas(file, checked.sourcedId());
            return false;
        }
        String sourcedId = checked.sourcedId();
        for (References.Forward forward : forwards) {
            references.defer(row.line(), row.offset(), forward);
        }
        if (checked.filled() && filledInBulk++ == 0) {
            firstFilledInBulk = row.line();
        }
        if (checked.verdict() == Verdict.SKIPPED) {
            rowIssues.stream().filter(i -> i.outcome() == Outcome.skipped).forEach(issues::add);
            references.skipped(file, sourcedId);
            return false;
        }
        rowIssues.forEach(issues::add);
        Object[] parsed = checked.values();
        if (neverDelete && "tobedeleted".equals(checked.status())) {
            issues.add(IssueCode.ROW_DELETION_PREVENTED.at(file.fileName(), row.line()).record(sourcedId).column("status")
                    .value(checked.status())
                    .message("status tobedeleted was not applied: the source's safeguards never delete"));
            references.kept(file, sourcedId, parsed); // the record stays in the roster as it was
            return false;
        }
        if (file == RosterFile.ORGS && "school".equals(parsed[ORG_TYPE]) && !inScope(row.line(), sourcedId, (String) parsed[ORG_NAME])) {
            references.skipped(file, sourcedId);
            return false;
        }
        load.add(row.line(), row.offset(), sourcedId, checked.status(), checked.modified(), parsed, checked.metadata());
        references.kept(file, sourcedId, parsed);
        return true;
    }

    /**
     * The rows at the offsets, read again and checked again, to the target: a load too large to compare in memory asks
     * for the rows it must write. The checks change nothing and depend only on the row and on earlier files, so a row
     * comes out as it did the first time; its issues were reported then, and are dropped now.
     */
    private RowSource again(PlannedFile planned, HeaderMap header, Encoding encoding) {
        return (offsets, lines, count, into) -> {
            try (CsvRereader csv = CsvRereader.open(planned.path(), encoding)) {
                for (int i = 0; i < count; i++) {
                    CsvRow row = csv.rowAt(offsets[i], lines[i]);
                    Checked checked = check(planned.file(), planned.bulk(), header, row);
                    rowIssues.clear();
                    if (checked.verdict() != Verdict.KEPT) {
                        throw new IOException(planned.file().fileName() + " line " + lines[i] + " reads differently the second time");
                    }
                    into.add(row.line(), row.offset(), checked.sourcedId(), checked.status(), checked.modified(), checked.values(),
                            checked.metadata());
                }
            }
        };
    }

    /**
     * Reads and checks one row without changing anything: its issues go to {@link #rowIssues} and its references within
     * the file to {@link #forwards}, for the caller to report.
     */
    private Checked check(RosterFile file, boolean bulk, HeaderMap header, CsvRow row) {
        forwards.clear();
        String name = file.fileName();
        String[] values = row.values();
        if (row.defect() == null && values.length == 1 && values[0].isEmpty()) {
            rowIssues.add(IssueCode.ROW_BLANK_LINE.at(name, row.line()).message("blank line"));
            return Checked.UNREADABLE;
        }
        UnreadableRows.Unreadable unreadable = UnreadableRows.of(header, headerNames, row);
        if (unreadable != null) {
            // it changes nothing: the record it names is left as it was; one that names none holds the file's withdrawals
            rowIssues.add(unreadableRows.issue(file, bulk, row, unreadable));
            String sourcedId = unreadable.usableId();
            return sourcedId == null ? Checked.UNREADABLE : Checked.leftAsItWas(sourcedId);
        }
        String sourcedId = values[header.sourcedId()];
        if (sourcedId.isBlank()) {
            rowIssues.add(IssueCode.ROW_MISSING_REQUIRED_VALUE.at(name, row.line()).column("sourcedId").outcome(Outcome.skipped)
                    .message("sourcedId is blank, so the row cannot be identified"));
            return Checked.UNREADABLE;
        }
        if (sourcedId.length() > MAX_SOURCED_ID) {
            rowIssues.add(IssueCode.ROW_FIELD_TOO_LONG.at(name, row.line()).column("sourcedId").outcome(Outcome.skipped)
                    .value(sourcedId).message("sourcedId has " + sourcedId.length() + " characters; at most " + MAX_SOURCED_ID
                    + " are accepted"));
            return Checked.UNREADABLE;
        }
        if (file == RosterFile.DEMOGRAPHICS) {
            References.Problem noUser = references.userOfDemographics(sourcedId);
            if (noUser != null) {
                rowIssues.add(noUser.code().at(name, row.line()).record(sourcedId).column("sourcedId").outcome(Outcome.skipped)
                        .value(noUser.value()).message(noUser.message()
                        + "; demographics belong to a user, so the record was not imported"));
                return Checked.UNREADABLE;
            }
        }
        String status = status(name, bulk, header, row, sourcedId);
        boolean filled = bulk && (header.status() >= 0 && !values[header.status()].trim().isEmpty()
                || header.modified() >= 0 && !values[header.modified()].trim().isEmpty());
        java.time.Instant modified = rowModified;
        Requirement[] fileRules = rules.get(file);
        Object[] parsed = new Object[header.columns().length];
        boolean skip = false;
        for (int c = 0; c < parsed.length; c++) {
            int index = header.columns()[c];
            if (index < 0) {
                continue; // reported once, at the header
            }
            Column column = file.columns().get(c);
            Requirement rule = fileRules[c];
            String text = values[index];
            problems.clear();
            boolean blank = false;
            Object value = parse(name, row.line(), sourcedId, column, text);
            if (value == INVALID) {
                value = null;
            } else if (value == null) {
                blank = true;
            } else {
                value = references.resolve(file, c, value, problems, forwards);
            }
            boolean lacking = value == null;
            boolean skips = lacking && rule == Requirement.skip;
            if (blank && rule != Requirement.none) {
                rowIssues.add(IssueCode.ROW_MISSING_REQUIRED_VALUE.at(name, row.line()).record(sourcedId).column(column.name())
                        .outcome(skips ? Outcome.skipped : Outcome.error).message(column.name() + (skips ? " is blank"
                        + skipReason(file, column) : " is required but blank")));
            }
            for (References.Problem problem : problems) {
                if (problem.tolerated()) {
                    rowIssues.add(problem.code().at(name, row.line()).record(sourcedId).column(column.name())
                            .outcome(Outcome.warning).value(problem.value()).message(problem.message()
                            + "; imported all the same: the source's data requirements accept a school of another type (classes."
                            + DataRequirementRules.SCHOOL_OF_ANOTHER_TYPE + ": report)"));
                    continue;
                }
                rowIssues.add(problem.code().at(name, row.line()).record(sourcedId).column(column.name())
                        .outcome(skips ? Outcome.skipped : Outcome.error).value(problem.value()).message(problem.message()
                        + (skips ? skipReason(file, column) : lacking ? "; imported without it" : "; left out")));
            }
            skip |= skips;
            parsed[c] = value;
        }
        Map<String, String> metadata = header.metadata().isEmpty() ? Map.of() : new HashMap<>();
        header.metadata().forEach((index, key) -> {
            if (values[index].length() > MAX_METADATA) {
                rowIssues.add(IssueCode.ROW_FIELD_TOO_LONG.at(name, row.line()).record(sourcedId).column("metadata." + key)
                        .outcome(Outcome.warning).value(values[index]).message("metadata." + key + " has "
                        + values[index].length() + " characters; at most " + MAX_METADATA
                                + " are kept, so it was left out"));
            } else if (!values[index].isEmpty()) {
                metadata.put(key, values[index]);
            }
        });
        return new Checked(skip ? Verdict.SKIPPED : Verdict.KEPT, sourcedId, status, bulk ? null : modified, parsed, metadata, filled);
    }

    /** The school mapping's decision on a school row: false (with the issue) when its records are not imported. */
    private boolean inScope(long line, String sourcedId, String name) {
        String school = "school '" + sourcedId + "'" + (name == null ? "" : " (" + name + ")");
        switch (scope.decide(sourcedId, name)) {
            case ADDED -> issues.add(ofSchool(IssueCode.ROW_SCHOOL_ADDED, line, sourcedId)
                    .message(school + " is new: it was added to the source's school mapping and included (auto mode)"));
            case EXCLUDED -> {
                issues.add(ofSchool(IssueCode.ROW_SCHOOL_EXCLUDED, line, sourcedId)
                        .message(school + " is excluded by the source's school mapping: it and its records are not imported"));
                return false;
            }
            case NOT_MAPPED -> {
                issues.add(ofSchool(IssueCode.ROW_SCHOOL_NOT_MAPPED, line, sourcedId).message(school
                        + " is not in the source's school mapping (explicit mode): include it there to import it and its records"));
                return false;
            }
            default -> {
                // in scope
            }
        }
        return true;
    }

    private static IssueAt ofSchool(IssueCode code, long line, String sourcedId) {
        return code.at(RosterFile.ORGS.fileName(), line).record(sourcedId).column("sourcedId").value(sourcedId);
    }

    private static String skipReason(RosterFile file, Column column) {
        return "; the source requires " + file.entity() + "." + column.name() + " (Skip if Missing), so the record was not imported";
    }

    private String status(String name, boolean bulk, HeaderMap header, CsvRow row, String sourcedId) {
        String text = header.status() < 0 ? "" : row.values()[header.status()].trim();
        String modified = header.modified() < 0 ? "" : row.values()[header.modified()].trim();
        rowModified = null;
        if (bulk) {
            // a filled status or date is counted by the caller (row.bulk_status_filled)
        } else if (modified.isEmpty()) {
            rowIssues.add(IssueCode.ROW_MISSING_REQUIRED_VALUE.at(name, row.line()).record(sourcedId).column("dateLastModified")
                    .message("dateLastModified is required in a delta file"));
        } else if ((rowModified = dateTime(name, row.line(), sourcedId, "dateLastModified", modified)) == null) {
            rowIssues.add(IssueCode.ROW_INVALID_DATETIME.at(name, row.line()).record(sourcedId).column("dateLastModified")
                    .value(modified).message("dateLastModified '" + modified
                    + "' is not a date and time (ISO 8601, e.g. 2026-08-17T06:00:00Z)"));
        }
        if (text.isEmpty()) {
            if (!bulk) {
                rowIssues.add(IssueCode.ROW_MISSING_REQUIRED_VALUE.at(name, row.line()).record(sourcedId).column("status")
                        .message("status is required in a delta file; read as active"));
            }
            return "active";
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "active" -> "active";
            case "tobedeleted" -> "tobedeleted";
            case "inactive" -> {
                rowIssues.add(IssueCode.ROW_LEGACY_STATUS.at(name, row.line()).record(sourcedId).column("status").value(text)
                        .message("status 'inactive' is OneRoster 1.0; read as tobedeleted"));
                yield "tobedeleted";
            }
            default -> {
                rowIssues.add(IssueCode.ROW_INVALID_STATUS.at(name, row.line()).record(sourcedId).column("status").value(text)
                        .message("status '" + text + "' is not active or tobedeleted; read as active"));
                yield "active";
            }
        };
    }

    /**
     * Reads one value: null when blank, {@link #INVALID} when it cannot be read (its problem added to {@link #problems}).
     * Warnings about values that were read go to the row's issues.
     */
    private Object parse(String file, long line, String sourcedId, Column column, String text) {
        if (text.length() > MAX_FIELD) {
            problems.add(new References.Problem(IssueCode.ROW_FIELD_TOO_LONG, column.name() + " has " + text.length()
                    + " characters; at most " + MAX_FIELD + " are kept", text));
            return INVALID;
        }
        if (text.isBlank()) {
            return null;
        }
        Object value = switch (column.type()) {
            case STRING -> text;
            case LIST -> {
                List<String> list = Fields.list(text);
                if (column.name().equals("grades")) {
                    checkGrades(file, line, sourcedId, list);
                }
                yield list.isEmpty() ? null : list;
            }
            case ENUM -> {
                if (Fields.isExtension(text.trim())) {
                    yield text.trim();
                }
                String canonical = Fields.enumValue(text, column.values());
                if (canonical != null && !canonical.equals(text)) {
                    rowIssues.add(IssueCode.ROW_VALUE_CASE.at(file, line).record(sourcedId).column(column.name()).value(text)
                            .message(column.name() + " '" + text + "' should be spelled '" + canonical + "'"));
                }
                yield canonical;
            }
            case DATE -> Fields.date(text);
            case DATETIME -> dateTime(file, line, sourcedId, column.name(), text);
            case FLOAT -> Fields.decimal(text);
            case YEAR -> Fields.year(text);
            case BOOLEAN -> {
                Boolean b = Fields.bool(text);
                if (b != null && !text.equals(b.toString())) {
                    rowIssues.add(IssueCode.ROW_VALUE_CASE.at(file, line).record(sourcedId).column(column.name()).value(text)
                            .message(column.name() + " '" + text + "' should be spelled '" + b + "'"));
                }
                yield b;
            }
            case USER_IDS -> Fields.userIds(legacyUserIds && !text.contains("{") ? "{userId:" + text.trim() + "}" : text);
        };
        if (value == null) {
            problems.add(new References.Problem(invalid(column),
                    column.name() + " '" + text + "' is not " + expected(column), text));
            return INVALID;
        }
        return value;
    }

    /** Grades outside CEDS are common (local codes) and harmless to store: a warning, not an error. */
    private void checkGrades(String file, long line, String sourcedId, List<String> grades) {
        for (String grade : grades) {
            if (!Fields.GRADES.contains(grade)) {
                rowIssues.add(IssueCode.ROW_UNKNOWN_GRADE.at(file, line).record(sourcedId).column("grades").value(grade)
                        .message("grade '" + grade
                        + "' is not a CEDS grade level code (" + Fields.GRADE_LIST + ")"));
                return;
            }
        }
    }

    /** ISO 8601 with a zone; the lenient forms real files use (no zone, a space, a bare date) are read as UTC, with a warning. */
    private java.time.Instant dateTime(String file, long line, String sourcedId, String column, String text) {
        java.time.Instant instant = Fields.dateTime(text);
        if (instant != null && !Fields.isStrictDateTime(text)) {
            rowIssues.add(IssueCode.ROW_LENIENT_DATETIME.at(file, line).record(sourcedId).column(column).value(text)
                    .message(column + " '" + text
                    + "' should be ISO 8601 with a zone (e.g. 2026-08-17T06:00:00.000Z); read as " + instant));
        }
        return instant;
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

    private FileCounts counts(PlannedFile planned, long rows, long skipped, MergeResult merged, long started) {
        long readEnded = mergeStarted == 0 ? System.nanoTime() : mergeStarted;
        String name = planned.file().fileName();
        return new FileCounts(name, planned.mode(), rows, merged.inserted(), merged.updated(), merged.unchanged(),
                merged.deleted(), merged.restored(), skipped, issues.count(name, Outcome.error), issues.count(name, Outcome.warning),
                merged.activeBefore(), (readEnded - started) / 1_000_000, (mergeEnded - mergeStarted) / 1_000_000);
    }
}
