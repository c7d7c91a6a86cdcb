package org.rostersync.pipeline;

import org.rostersync.intake.inbox.Snapshot;
import org.rostersync.oneroster.OneRosterFiles;
import org.rostersync.report.FileCounts;
import org.rostersync.report.Outcome;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a delivery exactly as a run would (the same plan, reader and row checks), without a database: the heart of
 * {@code rostersync validate}. Unlike a run, it goes on after a fatal file, so a vendor sees every problem at once.
 */
public final class DeliveryValidator {

    /** The file names a zip delivery may hold. */
    public static final Set<String> ZIP_ENTRIES = OneRosterFiles.ALL;

    private DeliveryValidator() {
    }

    public static ValidationReport validate(Snapshot snapshot) throws IOException {
        return validate(snapshot, Progress.NONE);
    }

    public static ValidationReport validate(Snapshot snapshot, Progress progress) throws IOException {
        return validate(snapshot, RunSettings.DEFAULTS, progress);
    }

    /**
     * Checks the delivery under a source's settings (from its exported {@link SourceRules}): the same school scope,
     * references and row checks as its run, each file's repeats found as its load finds them.
     */
    public static ValidationReport validate(Snapshot snapshot, RunSettings settings, Progress progress) throws IOException {
        RunIssues issues = new RunIssues(RunIssues.DEFAULT_CAP);
        issues.addNotes(snapshot.notes());
        boolean unusableZip = issues.anyFatal() && snapshot.files().isEmpty();
        List<PlannedFile> plan = unusableZip ? List.of() : DeliveryPlan.plan(snapshot, issues);
        SchoolScope scope = new SchoolScope(settings.schoolMapping());
        FileImporter importer = new FileImporter(issues, References.of(plan, issues, scope,
                java.nio.file.Path.of(System.getProperty("java.io.tmpdir")), settings), settings, scope, progress);
        List<FileCounts> files = new ArrayList<>();
        for (PlannedFile planned : plan) {
            try {
                files.add(importer.load((file, bulk, expectedRows) -> new DuplicateFinder(expectedRows), planned));
            } catch (SQLException e) {
                throw new IllegalStateException("an offline validation touched no database", e);
            }
        }
        boolean readable = !plan.isEmpty() || snapshot.file(OneRosterFiles.MANIFEST).isPresent();
        Map<Outcome, Long> totals = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            totals.put(outcome, issues.total(outcome));
        }
        return new ValidationReport(files, issues.toReport(), totals, issues.perFileAndCode(), readable);
    }
}
