package org.rostersync.pipeline;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.rostersync.oneroster.RosterFile;
import org.rostersync.report.Run;
import org.rostersync.report.SpreadsheetCells;
import org.rostersync.roster.Change;
import org.rostersync.roster.ChangeOp;
import org.rostersync.roster.ChangePage;
import org.rostersync.roster.RunChanges;
import org.rostersync.tenant.InvalidSettingException;
import org.rostersync.tenant.TenantService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a run changed in its source's roster (for a held run: what approving it would do), for the admin API and the
 * console: a page filtered by file and kind, or every change as CSV. The filters are checked here, once, with errors
 * that name the parameter.
 */
@Singleton
public class RunChangeList {

    private final RunChanges changes;
    private final TenantService tenants;

    RunChangeList(RunChanges changes, TenantService tenants) {
        this.changes = changes;
        this.tenants = tenants;
    }

    /**
     * A page of the run's changes.
     *
     * @param file  a file name (users.csv), or null/empty for all
     * @param op    inserted, changed, withdrawn or restored, or null/empty for all
     * @param after the {@code after} of the page before, or null for the first
     * @throws InvalidSettingException naming the parameter that is wrong
     */
    public ChangePage page(Run run, @Nullable String file, @Nullable String op, @Nullable String after, int limit) {
        try {
            return changes.page(of(run), file(file), op(op), after, limit);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("after", e.getMessage());
        }
    }

    /**
     * Every change of the run as CSV, one line per changed field (one line for an insert or a withdrawal), written to a
     * new temporary file which the caller sends and removes: a first night has millions of lines.
     */
    public Path csv(Run run) throws IOException {
        Path csv = Files.createTempFile("changes", ".csv");
        try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180);
            printer.printRecord("file", "op", "sourcedId", "name", "school", "field", "before", "after");
            changes.forEach(of(run), change -> {
                try {
                    write(printer, change);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            printer.flush();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(csv);
            throw e;
        }
        return csv;
    }

    private static void write(CSVPrinter printer, Change c) throws IOException {
        String id = SpreadsheetCells.safe(c.sourcedId());
        String name = SpreadsheetCells.safe(c.name());
        String school = SpreadsheetCells.safe(c.school());
        if (c.fields().isEmpty()) {
            printer.printRecord(c.file(), c.op(), id, name, school, null, null, null);
        }
        for (Change.Field f : c.fields()) {
            printer.printRecord(c.file(), c.op(), id, name, school, f.name(), SpreadsheetCells.safe(f.before()), SpreadsheetCells.safe(f.after()));
        }
    }

    private RunChanges.Of of(Run run) {
        return new RunChanges.Of(run.id(), tenants.source(run.sourceId()).orElseThrow().tenantId(), run.sourceId());
    }

    private static RosterFile file(@Nullable String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        return RosterFile.byFileName(name).orElseThrow(() -> new InvalidSettingException("file", "file must be one of "
                + Arrays.stream(RosterFile.values()).map(RosterFile::fileName).collect(Collectors.joining(", ")) + ", not '" + name + "'"));
    }

    private static ChangeOp op(@Nullable String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        return Arrays.stream(ChangeOp.values()).filter(o -> o.name().equals(name)).findFirst()
                .orElseThrow(() -> new InvalidSettingException("op", "op must be one of inserted, changed, withdrawn, restored, not '" + name + "'"));
    }
}
