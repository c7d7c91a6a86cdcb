package org.rostersync;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.rostersync.intake.inbox.LocalDelivery;
import org.rostersync.intake.inbox.Snapshot;
import org.rostersync.pipeline.DeliveryValidator;
import org.rostersync.pipeline.Progress;
import org.rostersync.pipeline.RunSettings;
import org.rostersync.pipeline.SourceRules;
import org.rostersync.pipeline.ValidationReport;
import org.rostersync.report.FileCounts;
import org.rostersync.report.Issue;
import org.rostersync.report.IssueCode;
import org.rostersync.report.IssueCsv;
import org.rostersync.report.Outcome;
import org.rostersync.tenant.InvalidSettingException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code rostersync validate [--rules FILE] [--max N] [--format text|json|csv] PATH}: checks a delivery (a folder or a
 * zip) exactly as a run would, with no database and no server; with {@code --rules}, under the settings a source
 * exported ({@link SourceRules}), so that it raises the issues that source's run would. Exit status 0 when nothing needs
 * fixing (warnings allowed), 1 with errors or skipped rows, 2 when the delivery or the rules cannot be read or the
 * command line is wrong.
 */
final class ValidateCommand {

    static final int OK = 0;
    static final int HAS_ERRORS = 1;
    static final int UNREADABLE = 2;

    /** Issues listed per code and file in the text output, unless --max says otherwise. */
    static final int DEFAULT_MAX = 5;

    static final String USAGE = """
            usage: java -jar rostersync.jar validate PATH [--rules FILE] [--max N] [--format text|json|csv]
              PATH            a delivery: a folder of OneRoster 1.1 CSV files with manifest.csv, or a .zip of them
              --rules FILE    check under a source's settings (data requirements, attribute and school mapping,
                              safeguards), exported from the console's source page or GET /api/sources/{id}/rules;
                              without it, the defaults of a new source
              --max N         list at most N issues of each code in each file, then say how many more (default 5;
                              0 lists only the counts); json and csv always list every issue
              --format F      text (the default), json or csv
            exit status: 0 nothing to fix (warnings allowed), 1 errors or skipped rows, 2 unreadable delivery,
            rules file or command line""";

    private final PrintStream out;
    private final PrintStream err;

    ValidateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        String format = "text";
        Path path = null;
        Path rulesFile = null;
        String max = Integer.toString(DEFAULT_MAX);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                out.println(USAGE);
                return OK;
            }
            String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (List.of("--format", "--rules", "--max").contains(option)) {
                String value;
                if (arg.contains("=")) {
                    value = arg.substring(arg.indexOf('=') + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    err.println("rostersync validate: " + option + " needs a value\n" + USAGE);
                    return UNREADABLE;
                }
                switch (option) {
                    case "--format" -> format = value;
                    case "--rules" -> rulesFile = Path.of(value);
                    default -> max = value;
                }
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
        int listed;
        try {
            listed = Integer.parseInt(max);
        } catch (NumberFormatException e) {
            listed = -1;
        }
        if (listed < 0) {
            err.println("rostersync validate: --max must be a whole number, 0 or more, not '" + max + "'");
            return UNREADABLE;
        }
        RunSettings settings = RunSettings.DEFAULTS;
        String rulesNote = null;
        if (rulesFile != null) {
            try {
                SourceRules rules = SourceRules.parse(Files.readAllBytes(rulesFile));
                settings = rules.settings();
                rulesNote = "rules of " + (rules.sourceName() == null ? "a source" : "source '" + rules.sourceName() + "'")
                        + (rules.exportedAt() == null ? "" : ", exported " + rules.exportedAt()) + " (" + rulesFile + ")";
            } catch (NoSuchFileException e) {
                err.println("rostersync validate: the rules file " + rulesFile + " does not exist");
                return UNREADABLE;
            } catch (IOException e) {
                err.println("rostersync validate: cannot read the rules file " + rulesFile + ": " + e.getMessage());
                return UNREADABLE;
            } catch (InvalidSettingException e) {
                err.println("rostersync validate: the rules file " + rulesFile + " cannot be used: " + e.getMessage()
                        + (e.field().isEmpty() ? "" : " (field " + e.field() + ")"));
                return UNREADABLE;
            }
        }
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("rostersync-validate");
            Snapshot snapshot = LocalDelivery.open(path, scratch.resolve("zip"), DeliveryValidator.ZIP_ENTRIES);
            ValidationReport report = DeliveryValidator.validate(snapshot, settings, progress());
            switch (format) {
                case "json" -> json(path, report);
                case "csv" -> csv(report);
                default -> text(path, rulesNote, report, listed);
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
        return (file, rows, total, done) -> {
            err.print("\r" + file + ": " + String.format("%,d", rows) + " of " + total.describe() + (done ? "\n" : ""));
            err.flush();
        };
    }

    /**
     * The table of files, then the issues grouped by file and code: the first {@code listed} of each group, then how
     * many more there were, so that one cause repeated on every row reads as a few examples and a count.
     */
    private void text(Path path, String rulesNote, ValidationReport report, int listed) {
        out.println("rostersync validate " + path + (rulesNote == null ? " (the defaults of a new source)" : " under the " + rulesNote));
        out.printf("%-22s %-6s %10s %10s %10s %10s %10s%n", "file", "mode", "rows", "valid", "skipped", "errors", "warnings");
        for (FileCounts f : report.files()) {
            out.printf(Locale.ROOT, "%-22s %-6s %,10d %,10d %,10d %,10d %,10d%n", f.name(), f.mode(), f.rows(), f.rows() - f.skipped(),
                    f.skipped(), f.errors(), f.warnings());
        }
        out.println();
        Map<List<String>, List<Issue>> groups = new LinkedHashMap<>();
        for (Issue i : report.issues()) {
            if (!i.code().equals(IssueCode.RUN_ISSUES_TRUNCATED.code())) { // the counts below say it
                groups.computeIfAbsent(Arrays.asList(i.file(), i.code()), k -> new ArrayList<>()).add(i);
            }
        }
        groups.forEach((key, issues) -> {
            issues.stream().limit(listed).forEach(i -> out.println(where(i) + ": " + i.outcome() + " " + i.code() + ": " + i.message()));
            long more = report.count(key.get(0), key.get(1)) - Math.min(listed, issues.size());
            if (more > 0) {
                String where = key.get(0) == null ? "delivery" : key.get(0);
                out.println(listed == 0 ? String.format(Locale.ROOT, "%s: %,d issues %s", where, more, key.get(1))
                        : String.format(Locale.ROOT, "%s: ... and %,d more %s like this (%s)", where, more, more == 1 ? "row" : "rows", key.get(1)));
            }
        });
        out.printf(Locale.ROOT, "%n%,d fatal, %,d errors, %,d skipped, %,d warnings%n", report.count(Outcome.fatal), report.count(Outcome.error),
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
