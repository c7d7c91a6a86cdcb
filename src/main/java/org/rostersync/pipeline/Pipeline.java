package org.rostersync.pipeline;

import jakarta.inject.Singleton;
import org.rostersync.intake.inbox.Inbox;
import org.rostersync.intake.inbox.Snapshot;
import org.rostersync.oneroster.OneRosterFiles;
import org.rostersync.report.FileCounts;
import org.rostersync.report.Issue;
import org.rostersync.report.Outcome;
import org.rostersync.report.RunStatus;
import org.rostersync.report.RunStore;
import org.rostersync.roster.RosterTransaction;
import org.rostersync.roster.SourceBusyException;
import org.rostersync.tenant.DataRequirements;
import org.rostersync.tenant.Source;
import org.rostersync.tenant.TenantService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Executes one run: freeze the delivery, plan the files, import them in load order in one roster transaction, and
 * record the outcome. A fatal issue in any file rolls everything back: the run fails and the roster is unchanged.
 */
@Singleton
class Pipeline {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final Inbox inbox;
    private final RunStore runs;
    private final DataSource dataSource;
    private final TenantService tenants;

    Pipeline(Inbox inbox, RunStore runs, DataSource dataSource, TenantService tenants) {
        this.inbox = inbox;
        this.runs = runs;
        this.dataSource = dataSource;
        this.tenants = tenants;
    }

    void execute(UUID runId, Source source) {
        RunIssues issues = new RunIssues(RunIssues.DEFAULT_CAP);
        List<FileCounts> files = new ArrayList<>();
        RunStatus status;
        String message;
        try {
            runs.markRunning(runId);
            Snapshot snapshot = inbox.snapshot(source.id(), runId, OneRosterFiles.ALL);
            issues.addNotes(snapshot.notes());
            List<PlannedFile> plan = issues.anyFatal() ? List.of() : DeliveryPlan.plan(snapshot, issues);
            if (plan.isEmpty()) {
                status = RunStatus.failed;
                message = issues.anyFatal() ? "the delivery cannot be imported: see the fatal issues"
                        : "no complete delivery for source " + source.id() + " (" + source.name() + ")";
            } else if (issues.anyFatal()) {
                status = RunStatus.failed;
                message = "the delivery is incomplete or inconsistent: see the fatal issues; nothing was applied";
            } else {
                boolean applied = importAll(source, plan, issues, files);
                status = !applied ? RunStatus.failed : issues.any() ? RunStatus.succeeded_with_issues : RunStatus.succeeded;
                message = applied ? summary(files) : "a file could not be imported: see the fatal issues; nothing was applied";
                if (!applied) {
                    files.replaceAll(Pipeline::notApplied);
                }
            }
        } catch (SourceBusyException e) {
            status = RunStatus.failed;
            message = e.getMessage();
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.error("Run {} of source {} failed", runId, source.id(), e);
            status = RunStatus.failed;
            message = "the run stopped on an internal error: " + e.getMessage() + "; nothing was applied";
            files.replaceAll(Pipeline::notApplied);
            issues.add(Issue.ofRun("run.internal_error", Outcome.fatal, message));
        }
        try {
            runs.finish(runId, status, message, files, issues.toReport());
            LOG.info("Run {} of source {} {}: {}", runId, source.id(), status, message);
        } catch (SQLException e) {
            LOG.error("Cannot record the end of run {}", runId, e);
        }
    }

    /** Imports every planned file in one transaction; false when a fatal issue rolled it back. */
    private boolean importAll(Source source, List<PlannedFile> plan, RunIssues issues, List<FileCounts> files)
            throws IOException, SQLException {
        DataRequirements requirements = tenants.dataRequirements(source.id()).orElse(DataRequirements.DEFAULTS);
        FileImporter importer = new FileImporter(issues, References.of(plan, issues), requirements);
        try (RosterTransaction tx = RosterTransaction.begin(dataSource, source.tenantId(), source.id())) {
            for (PlannedFile planned : plan) {
                files.add(importer.load(tx::load, planned));
                if (issues.anyFatal()) {
                    return false;
                }
            }
            tx.commit();
            return true;
        }
    }

    private static String summary(List<FileCounts> files) {
        long rows = files.stream().mapToLong(FileCounts::rows).sum();
        long inserted = files.stream().mapToLong(FileCounts::inserted).sum();
        long updated = files.stream().mapToLong(FileCounts::updated).sum();
        long deleted = files.stream().mapToLong(FileCounts::deleted).sum();
        long skipped = files.stream().mapToLong(FileCounts::skipped).sum();
        return "imported " + files.size() + " files, " + rows + " rows: " + inserted + " inserted, " + updated + " updated, "
                + deleted + " deleted, " + skipped + " skipped";
    }

    private static FileCounts notApplied(FileCounts f) {
        return new FileCounts(f.name(), f.mode(), f.rows(), 0, 0, 0, 0, f.skipped(), f.errors(), f.warnings());
    }
}
