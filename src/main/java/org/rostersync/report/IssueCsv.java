package org.rostersync.report;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.Flushable;
import java.io.IOException;

/**
 * Issues as CSV for a spreadsheet: one header, one row per issue, its cells made safe ({@link SpreadsheetCells}).
 */
public final class IssueCsv implements Flushable {

    private final CSVPrinter printer;

    public IssueCsv(Appendable out) throws IOException {
        this.printer = new CSVPrinter(out, CSVFormat.RFC4180);
        printer.printRecord("file", "line", "sourcedId", "column", "code", "outcome", "message", "value");
    }

    public void write(Issue i) throws IOException {
        printer.printRecord(cell(i.file()), i.line(), cell(i.sourcedId()), cell(i.column()), i.code(), i.outcome(), cell(i.message()),
                cell(i.value()));
    }

    @Override
    public void flush() throws IOException {
        printer.flush();
    }

    /**
     * Every issue of the run written to a new temporary file, which the caller sends and removes. A file, not memory:
     * a run can have a million issues.
     */
    public static java.nio.file.Path export(IssueStore issues, java.util.UUID runId) throws IOException {
        java.nio.file.Path csv = java.nio.file.Files.createTempFile("issues", ".csv");
        try (java.io.Writer out = java.nio.file.Files.newBufferedWriter(csv, java.nio.charset.StandardCharsets.UTF_8)) {
            IssueCsv writer = new IssueCsv(out);
            issues.forEachIssue(runId, issue -> {
                try {
                    writer.write(issue);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.flush();
        } catch (RuntimeException | IOException e) {
            java.nio.file.Files.deleteIfExists(csv);
            throw e;
        }
        return csv;
    }

    static String cell(String value) {
        return SpreadsheetCells.safe(value);
    }
}
