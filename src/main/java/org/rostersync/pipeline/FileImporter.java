package org.rostersync.pipeline;

import org.rostersync.oneroster.Column;
import org.rostersync.oneroster.CsvFile;
import org.rostersync.oneroster.CsvFormatException;
import org.rostersync.oneroster.CsvRereader;
import org.rostersync.oneroster.CsvRow;
import org.rostersync.oneroster.Encoding;
import org.rostersync.oneroster.RosterFile;
import org.rostersync.report.FileCounts;
import org.rostersync.report.IssueAt;
import org.rostersync.report.IssueCode;
import org.rostersync.report.Outcome;
import org.rostersync.roster.MergeResult;
import org.rostersync.roster.RowSink;
import org.rostersync.roster.RowSource;

import java.io.IOException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports a run's files one after another: reads each row by row, has its rows checked ({@link RowChecker}), and streams
 * the rows worth keeping into the run's transaction. Bad rows become issues, never exceptions. A row that cannot be
 * read as a whole (broken quoting, the wrong number of fields, a control character, bytes that cannot be decoded) never
 * changes or withdraws a record: the record it names keeps what it had, and a bulk file with unreadable rows that name
 * no record has its withdrawals held (see {@link UnreadableRows}). The rules are the run's ({@link ImportRules}); what
 * one file came to is its {@link FileTally}.
 */
final class FileImporter {

    private static final int ORG_TYPE = RosterFile.ORGS.columns().indexOf(RosterFile.ORGS.column("type").orElseThrow());
    private static final int ORG_NAME = RosterFile.ORGS.columns().indexOf(RosterFile.ORGS.column("name").orElseThrow());

    private final RunIssues issues;
    private final References references;
    private final SchoolScope scope;
    private final Progress progress;
    private final ImportRules rules;
    /** The rows that could not be read as a whole, over the run. */
    private final UnreadableRows unreadableRows = new UnreadableRows();

    FileImporter(RunIssues issues, References references, RunSettings settings, SchoolScope scope) {
        this(issues, references, settings, scope, Progress.NONE);
    }

    FileImporter(RunIssues issues, References references, RunSettings settings, SchoolScope scope, Progress progress) {
        this.issues = issues;
        this.references = references;
        this.scope = scope;
        this.progress = progress;
        this.rules = ImportRules.of(settings);
    }

    /** Opens the sink that receives one file's checked rows. */
    @FunctionalInterface
    interface Sinks {
        /** @param expectedRows about how many rows the file has */
        RowSink open(RosterFile file, boolean bulk, long expectedRows) throws SQLException;
    }

    FileCounts load(Sinks sinks, PlannedFile planned) throws IOException, SQLException {
        try {
            return read(sinks, planned);
        } finally {
            references.withinFile().endOfFile(); // a file that fails leaves nothing for the next one
        }
    }

    /** The bulk files whose unreadable rows name no record, by file. */
    Map<RosterFile, UnreadableRows.Unidentified> unidentified() {
        return unreadableRows.unidentified();
    }

    private FileCounts read(Sinks sinks, PlannedFile planned) throws IOException, SQLException {
        RosterFile file = planned.file();
        FileTally tally = new FileTally(planned);
        try (CsvFile csv = CsvFile.open(planned.path())) {
            HeaderMap header = HeaderMap.of(file, csv.header(), rules.of(file), rules.mapped(file), issues);
            if (header == null) {
                references.refused(file);
                return tally.counts(issues);
            }
            importRows(sinks, planned, csv, header, tally);
            reportFile(planned, csv, tally);
        } catch (CsvFormatException e) {
            issues.add(UnreadableRows.code(e.defect()).at(file.fileName(), e.line()).outcome(Outcome.fatal).message(e.getMessage()));
            references.refused(file);
            return tally.counts(issues);
        }
        reportMerge(file.fileName(), tally);
        return tally.counts(issues);
    }

    private void importRows(Sinks sinks, PlannedFile planned, CsvFile csv, HeaderMap header, FileTally tally)
            throws IOException, SQLException {
        RosterFile file = planned.file();
        if (file == RosterFile.ORGS && planned.bulk()) {
            scope.listedInBulk();
        }
        RowChecker checker = new RowChecker(planned, header, csv.header(), rules, references, unreadableRows);
        long expected = expectedRows(planned);
        references.expect(file, expected);
        RowCount total = RowCount.of(planned.path());
        tally.total(total);
        try (RowSink load = sinks.open(file, planned.bulk(), expected)) {
            progress.rows(file.fileName(), 0, total, false);
            for (CsvRow row : csv) {
                if (tally.read() % Progress.EVERY == 0) {
                    progress.rows(file.fileName(), tally.rows(), total, false);
                }
                if (!stage(load, file, row, checker.check(row), tally)) {
                    tally.skipped();
                }
            }
            tally.mergeStarts();
            tally.merged(load.finish(again(planned, checker, csv.encoding())));
            for (long gone : tally.merged().keptWithoutRecord()) {
                references.noRecord(file, gone); // an unreadable row of a new record: references to it find nothing
            }
            Encoding encoding = csv.encoding();
            references.withinFile().endFile(file, (offsets, lines) -> reread(planned, header, encoding, offsets, lines),
                    (column, sourcedIds, targets) -> dropReferences(load, column, sourcedIds, targets));
        }
    }

    /** What the file as a whole came to: its encoding, no rows, bulk rows that fill status. */
    private void reportFile(PlannedFile planned, CsvFile csv, FileTally tally) {
        String name = planned.file().fileName();
        String note = csv.encodingNote();
        if (note != null) {
            IssueCode code = csv.encoding() == Encoding.WINDOWS_1252 ? IssueCode.CSV_WINDOWS_1252 : IssueCode.CSV_UTF16;
            issues.add(code.ofFile(name, note));
        }
        progress.rows(name, tally.rows(), tally.total(), true);
        if (tally.rows() == 0) {
            issues.add(IssueCode.SCHEMA_HEADER_ONLY.at(name, 1L).message(name + " has a header but no rows"
                    + (planned.bulk() ? ": as a bulk file it says that every record of it is gone; declare the file absent"
                    + " in manifest.csv if it was not exported" : "")));
        }
        if (tally.filled() > 0) {
            issues.add(IssueCode.ROW_BULK_STATUS_FILLED.at(name, tally.firstFilled()).column("status").message(tally.filled()
                    + " rows of this bulk file fill status or dateLastModified (first on line " + tally.firstFilled()
                    + "), which bulk files leave blank: tolerated, the file is still read as the complete set"));
        }
    }

    /** What the merge found: records kept by the safeguards, sourcedIds listed twice (skipped). */
    private void reportMerge(String name, FileTally tally) {
        MergeResult merged = tally.merged();
        if (merged.deletionsPrevented() > 0) {
            issues.add(IssueCode.SAFEGUARD_DELETIONS_PREVENTED.inFile(name).message(merged.deletionsPrevented()
                    + " records this bulk file no longer lists were kept active: the source's safeguards never delete"));
        }
        for (MergeResult.Duplicate d : merged.duplicates()) {
            tally.skipped();
            issues.add(IssueCode.REFERENCE_DUPLICATE_SOURCED_ID.at(name, d.line()).record(d.sourcedId()).column("sourcedId")
                    .message("sourcedId '" + d.sourcedId() + "' already appeared on line " + d.firstLine()
                            + "; only the first row is imported"));
        }
    }

    private static void dropReferences(RowSink load, Column column, List<String> sourcedIds, List<List<String>> targets)
            throws IOException {
        try {
            load.dropReferences(column, sourcedIds, targets);
        } catch (SQLException e) {
            throw new IOException("cannot take the references that lead nowhere out of " + column.name() + ": " + e.getMessage(), e);
        }
    }

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
    private static Map<Long, ReferencesWithinFile.RowText> reread(PlannedFile planned, HeaderMap header, Encoding encoding, long[] offsets,
                                                        long[] lines) throws IOException {
        Map<Long, ReferencesWithinFile.RowText> rows = new HashMap<>();
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
                rows.put(lines[i], new ReferencesWithinFile.RowText(values[header.sourcedId()], columns));
            }
        }
        return rows;
    }

    /** Stages one checked row, reporting its issues; false when it is skipped. */
    private boolean stage(RowSink load, RosterFile file, CsvRow row, CheckedRow checked, FileTally tally) throws IOException {
        CheckedRow.Verdict verdict = checked.verdict();
        if (verdict == CheckedRow.Verdict.UNREADABLE || verdict == CheckedRow.Verdict.LEFT_AS_IT_WAS) {
            checked.issues().forEach(issues::add);
            if (verdict == CheckedRow.Verdict.LEFT_AS_IT_WAS) {
                load.keep(row.line(), checked.sourcedId());
                references.leftAsItWas(file, checked.sourcedId());
            }
            return false;
        }
        for (References.Forward forward : checked.forwards()) {
            references.withinFile().defer(row.line(), row.offset(), forward);
        }
        if (checked.filled()) {
            tally.filled(row.line());
        }
        if (verdict == CheckedRow.Verdict.SKIPPED) {
            checked.issues().stream().filter(i -> i.outcome() == Outcome.skipped).forEach(issues::add);
            references.skipped(file, checked.sourcedId());
            return false;
        }
        checked.issues().forEach(issues::add);
        return add(load, file, row, checked);
    }

    /** Adds a kept record, unless the source never deletes and it says tobedeleted, or it is a school out of scope. */
    private boolean add(RowSink load, RosterFile file, CsvRow row, CheckedRow checked) throws IOException {
        String sourcedId = checked.sourcedId();
        Object[] parsed = checked.values();
        if (rules.neverDelete() && "tobedeleted".equals(checked.status())) {
            issues.add(IssueCode.ROW_DELETION_PREVENTED.at(file.fileName(), row.line()).record(sourcedId).column("status")
                    .value(checked.status()).message("status tobedeleted was not applied: the source's safeguards never delete"));
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
    private static RowSource again(PlannedFile planned, RowChecker checker, Encoding encoding) {
        return (offsets, lines, count, into) -> {
            try (CsvRereader csv = CsvRereader.open(planned.path(), encoding)) {
                for (int i = 0; i < count; i++) {
                    CsvRow row = csv.rowAt(offsets[i], lines[i]);
                    CheckedRow checked = checker.check(row);
                    if (checked.verdict() != CheckedRow.Verdict.KEPT) {
                        throw new IOException(planned.file().fileName() + " line " + lines[i] + " reads differently the second time");
                    }
                    into.add(row.line(), row.offset(), checked.sourcedId(), checked.status(), checked.modified(), checked.values(),
                            checked.metadata());
                }
            }
        };
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
}
