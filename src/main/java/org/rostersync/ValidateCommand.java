package org.rostersync;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.rostersync.intake.inbox.LocalDelivery;
import org.rostersync.intake.inbox.Snapshot;
import org.rostersync.pipeline.DeliveryValidator;
import org.rostersync.pipeline.Progress;
import org.rostersync.pipeline.ValidationReport;
import org.rostersync.report.FileCounts;
import org.rostersync.report.Issue;
import org.rostersync.report.IssueCsv;
import org.rostersync.report.Outcome;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code rostersync validate PATH [--format text|json|csv]}: checks a delivery (a folder or a zip) exactly as a run
 * would, with no database and no server. Exit status 0 when nothing needs fixing (warnings allowed), 1 with errors or
 * skipped rows, 2 when the delivery cannot be read at all or the command line is wrong.
 */
final class ValidateCommand {

    static final int OK = 0;
    static final int HAS_ERRORS = 1;
    static final int UNREADABLE = 2;

    private static final String USAGE = "usage: java -jar rostersync.jar validate PATH [--format text|json|csv]";

    private final PrintStream out;
    private final PrintStream err;

    ValidateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        String format = "text";
        Path path = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                out.println(USAGE);
                return OK;
            }
            if (arg.equals("--format") && i + 1 < args.size()) {
                format = args.get(++i);
            } else if (arg.startsWith("--format=")) {
                format = arg.substring("--format=".length());
            } else if (!arg.startsWith("-") && path == null) {
                path = Path.of(arg);
            } else {
                err.println("rostersync validate: unexpected argument '" + arg + "'\n" + USAGE);
                return UNREADABLE;
            }
        }
        if (path == null || !List.of("text", "json", "csv").contains(format)) {
            err.println(path == null ? "rostersync validate: which delivery? give a folder or a .zip\n" + USAGE
                    : "rostersync validate: --format must be text, json or csv, not '" + format + "'");
            return UNREADABLE;
        }
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("rostersync-validate");
            Snapshot snapshot = LocalDelivery.open(path, scratch.resolve("zip"), DeliveryValidator.ZIP_ENTRIES);
            ValidationReport report = DeliveryValidator.validate(snapshot, progress());
            switch (format) {
                case "json" -> json(path, report);
                case "csv" -> csv(report);
                default -> text(path, report);
            }
            if (!report.readable()) {
                err.println("rostersync validate: " + path + " holds no OneRoster file to check");
                return UNREADABLE;
            }
            return report.hasErrors() ? HAS_ERRORS : OK;
        } catch (NoSuchFileException e) {
            err.println("rostersync validate: " + path + " does not exist");
            return UNREADABLE;
        } catch (IllegalArgumentException e) {
            err.println("rostersync validate: " + e.getMessage());
            return UNREADABLE;
        } catch (IOException e) {
            err.println("rostersync validate: cannot read " + path + ": " + e.getMessage());
            return UNREADABLE;
        } finally {
            delete(scratch);
        }
    }

    /** A progress line on the terminal for long files; nothing when output goes to a file or a pipe. */
    private Progress progress() {
        if (System.console() == null) {
            return Progress.NONE;
        }
        return (file, rows, done) -> {
            err.print("\r" + file + ": " + String.format("%,d", rows) + " rows" + (done ? "\n" : ""));
            err.flush();
        };
    }

    private void text(Path path, ValidationReport report) {
        out.println("rostersync validate " + path);
        out.printf("%-22s %-6s %10s %10s %10s %10s %10s%n", "file", "mode", "rows", "valid", "skipped", "errors", "warnings");
        for (FileCounts f : report.files()) {
            out.printf("%-22s %-6s %10d %10d %10d %10d %10d%n", f.name(), f.mode(), f.rows(), f.rows() - f.skipped(),
                    f.skipped(), f.errors(), f.warnings());
        }
        out.println();
        for (Issue i : report.issues()) {
            out.println(where(i) + ": " + i.outcome() + " " + i.code() + ": " + i.message());
        }
        out.printf("%n%d fatal, %d errors, %d skipped, %d warnings%n", report.count(Outcome.fatal), report.count(Outcome.error),
                report.count(Outcome.skipped), report.count(Outcome.warning));
    }

    private static String where(Issue i) {
        StringBuilder w = new StringBuilder(i.file() == null ? "delivery" : i.file());
        if (i.line() != null) {
            w.append(':').append(i.line());
        }
        if (i.column() != null) {
            w.append(" column ").append(i.column());
        }
        if (i.sourcedId() != null) {
            w.append(" sourcedId ").append(i.sourcedId());
        }
        return w.toString();
    }

    /** Streamed with jackson-core: a Micronaut JsonMapper would start a bean context, most of a second, for one document. */
    private void json(Path path, ValidationReport report) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(new java.io.OutputStreamWriter(
                new java.io.FilterOutputStream(out) {
                    @Override
                    public void close() throws IOException {
                        flush(); // keep the command's stream open
                    }
                }, java.nio.charset.StandardCharsets.UTF_8))) {
            g.writeStartObject();
            g.writeStringField("path", path.toString());
            g.writeArrayFieldStart("files");
            for (var f : report.files()) {
                g.writeStartObject();
                g.writeStringField("name", f.name());
                g.writeStringField("mode", f.mode());
                g.writeNumberField("rows", f.rows());
                g.writeNumberField("valid", f.rows() - f.skipped());
                g.writeNumberField("skipped", f.skipped());
                g.writeNumberField("errors", f.errors());
                g.writeNumberField("warnings", f.warnings());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("issues");
            for (Issue i : report.issues()) {
                g.writeStartObject();
                g.writeStringField("file", i.file());
                g.writeFieldName("line");
                if (i.line() == null) {
                    g.writeNull();
                } else {
                    g.writeNumber(i.line());
                }
                g.writeStringField("sourcedId", i.sourcedId());
                g.writeStringField("column", i.column());
                g.writeStringField("code", i.code());
                g.writeStringField("outcome", i.outcome().name());
                g.writeStringField("message", i.message());
                g.writeStringField("value", i.value());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.println();
    }

    /** The issues as CSV for a spreadsheet (formula-like cells neutralised). */
    private void csv(ValidationReport report) throws IOException {
        IssueCsv csv = new IssueCsv(out);
        for (Issue i : report.issues()) {
            csv.write(i);
        }
        csv.flush();
    }

    private static void delete(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
