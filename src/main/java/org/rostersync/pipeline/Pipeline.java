package org.rostersync.pipeline;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.rostersync.config.RunsConfig;
import org.rostersync.database.DataAccessException;
import org.rostersync.database.Tx;
import org.rostersync.intake.inbox.DeliveryFile;
import org.rostersync.intake.inbox.DeliveryFingerprint;
import org.rostersync.intake.inbox.DeliveryChanged;
import org.rostersync.intake.inbox.Inbox;
import org.rostersync.intake.inbox.Snapshot;
import org.rostersync.intake.remote.FetchResult;
import org.rostersync.intake.remote.RemoteFetcher;
import org.rostersync.oneroster.OneRosterFiles;
import org.rostersync.oneroster.RosterFile;
import org.rostersync.report.FileCounts;
import org.rostersync.report.Issue;
import org.rostersync.report.Outcome;
import org.rostersync.report.Run;
import org.rostersync.report.RunStatus;
import org.rostersync.report.RunQueue;
import org.rostersync.report.RunStore;
import org.rostersync.report.SettingsSnapshots;
import org.rostersync.report.RunTrigger;
import org.rostersync.roster.RosterTransaction;
import org.rostersync.roster.SourceBusyException;
import org.rostersync.tenant.AttributeMapping;
import org.rostersync.tenant.DataRequirements;
import org.rostersync.tenant.Safeguards;
import org.rostersync.tenant.Schedule;
import org.rostersync.tenant.SchoolMapping;
import org.rostersync.tenant.Source;
import org.rostersync.tenant.TenantService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Executes one run: freeze the delivery, plan the files, import them in load order in one roster transaction, check the
 * safeguards, and record the outcome. A fatal issue in any file rolls everything back: the run fails and the roster is
 * unchanged. A run that would delete or change too much is held: rolled back too, until an operator approves it, and
 * then computed again from the same frozen delivery and settings, and applied.
 */
@Singleton
class Pipeline {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final Inbox inbox;
    private final RunStore runs;
    private final SettingsSnapshots settingsSnapshots;
    private final DataSource dataSource;
    private final TenantService tenants;
    private final JsonMapper json;
    private final PausePoints pausePoints;
    private final RemoteFetcher remote;
    /** Records of a file compared in memory at once; more are compared part by part. */
    private final long partRecords;

    Pipeline(Inbox inbox, RunStore runs, SettingsSnapshots settingsSnapshots, DataSource dataSource, TenantService tenants,
             JsonMapper json, PausePoints pausePoints, RunsConfig config, RemoteFetcher remote) {
        this.pausePoints = pausePoints;
        this.remote = remote;
        this.partRecords = config.partRecords();
        this.inbox = inbox;
        this.runs = runs;
        this.settingsSnapshots = settingsSnapshots;
        this.dataSource = dataSource;
        this.tenants = tenants;
        this.json = json;
    }

    /** How the import of a plan ended. */
    private enum Ending { APPLIED, FATAL, HELD }

    /** Executes a run this instance claimed: an approved one is computed again from what it froze when it was held. */
    void execute(RunQueue.Claimed claimed, Source source) {
        UUID runId = claimed.runId();
        boolean approved = claimed.approved();
        RunIssues issues = new RunIssues(RunIssues.DEFAULT_CAP);
        List<FileCounts> files = new ArrayList<>();
        List<Run.Phase> phases = new ArrayList<>();
        RunStatus status;
        String message;
        try {
            RunSettings settings = approved ? frozenSettings(runId) : currentSettings(source);
            if (!approved) {
                settingsSnapshots.saveSettings(runId, new String(json.writeValueAsBytes(settings), StandardCharsets.UTF_8));
            }
            // a pulled delivery is fetched first, so that the delivery's fingerprint is that of the fetched files
            Optional<String> fetchFailed = approved ? Optional.empty() : fetch(source, issues, phases);
            if (fetchFailed.isPresent()) {
                finish(runId, source, RunStatus.failed, fetchFailed.get(), files, issues, phases);
                return;
            }
            Optional<String> nothingNew = approved ? Optional.empty() : nothingNew(claimed, source);
            if (nothingNew.isPresent()) {
                finish(runId, source, RunStatus.no_new_delivery, nothingNew.get(), files, issues, phases);
                return;
            }
            long started = System.nanoTime();
            Snapshot snapshot = approved ? inbox.reopen(runId, OneRosterFiles.ALL) : inbox.snapshot(source.id(), runId, OneRosterFiles.ALL);
            phases.add(phase(approved ? "reopen the frozen delivery" : "freeze the delivery", started));
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
                Ending ending = importAll(runId, source, plan, settings, !approved, issues, files, phases);
                switch (ending) {
                    case APPLIED -> {
                        status = issues.any() ? RunStatus.succeeded_with_issues : RunStatus.succeeded;
                        message = (approved ? "approved and applied: " : "") + summary(files);
                    }
                    case HELD -> {
                        status = RunStatus.held;
                        message = "held by the safeguards, nothing was applied: " + String.join("; ", heldReasons(issues))
                                + ". Approve the run to apply exactly this, or discard it";
                    }
                    default -> {
                        status = RunStatus.failed;
                        message = "a file could not be imported: see the fatal issues; nothing was applied";
                        files.replaceAll(FileCounts::notApplied);
                    }
                }
            }
        } catch (SourceBusyException e) {
            status = RunStatus.failed;
            message = e.getMessage();
        } catch (DeliveryChanged e) {
            // the delivery's fault, not the service's: no stack trace, an issue that says which file to upload again
            LOG.warn("Run {} of source {} failed: {}", runId, source.id(), e.getMessage());
            status = RunStatus.failed;
            message = e.getMessage() + "; nothing was applied";
            files.replaceAll(FileCounts::notApplied);
            issues.add(Issue.ofFile(e.file(), "delivery.changed_after_upload", Outcome.fatal, e.getMessage()));
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.error("Run {} of source {} failed", runId, source.id(), e);
            status = RunStatus.failed;
            message = "the run stopped on an internal error: " + e.getMessage() + "; nothing was applied";
            files.replaceAll(FileCounts::notApplied);
            issues.add(Issue.ofRun("run.internal_error", Outcome.fatal, message));
        } catch (OutOfMemoryError e) {
            // the load's tables are garbage now: record the run as failed instead of leaving it "running" for ever
            LOG.error("Run {} of source {} ran out of memory", runId, source.id(), e);
            status = RunStatus.failed;
            message = "the run ran out of memory (" + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB of heap); nothing was"
                    + " applied. Give the service more heap (-Xmx) or compare fewer records in memory at once"
                    + " (ROSTERSYNC_RUNS_PART_RECORDS)";
            files.replaceAll(FileCounts::notApplied);
            issues.add(Issue.ofRun("run.out_of_memory", Outcome.fatal, message));
        }
        try {
            inbox.removeScratch(runId);
        } catch (IOException e) {
            LOG.warn("Cannot remove the working files of run {}", runId, e);
        }
        finish(runId, source, status, message, files, issues, phases);
    }

    private void finish(UUID runId, Source source, RunStatus status, String message, List<FileCounts> files, RunIssues issues,
                        List<Run.Phase> phases) {
        try {
            runs.finish(runId, status, message, files, issues.toReport(), phases);
            LOG.info("Run {} of source {} {}: {}", runId, source.id(), status, message);
        } catch (DataAccessException e) {
            LOG.error("Cannot record the end of run {}", runId, e);
        }
    }

    /**
     * Fetches the source's delivery from its remote server, when it has one: its notes become warnings, and a failure a
     * fatal issue naming the step; returns the run's message when the fetch failed (nothing is applied then).
     */
    private Optional<String> fetch(Source source, RunIssues issues, List<Run.Phase> phases) throws SQLException, IOException {
        long started = System.nanoTime();
        Optional<FetchResult> fetched = remote.fetchIfEnabled(source.id());
        if (fetched.isEmpty()) {
            return Optional.empty();
        }
        phases.add(phase("fetch from the remote server", started));
        fetched.get().notes().forEach(note -> issues.add(Issue.ofRun(note.code(), Outcome.warning, note.message())));
        if (fetched.get().ok()) {
            return Optional.empty();
        }
        issues.add(Issue.ofRun(fetched.get().failed().issueCode(), Outcome.fatal, fetched.get().message()));
        return Optional.of(fetched.get().message() + "; nothing was applied");
    }

    /**
     * Records which delivery the run reads, and says why a timed run should apply nothing: the delivery is the one the
     * last applied run read, and the source's schedule does not ask to apply it again.
     */
    private Optional<String> nothingNew(RunQueue.Claimed claimed, Source source) throws SQLException {
        List<DeliveryFile> delivered = inbox.delivery(source.id());
        String fingerprint = DeliveryFingerprint.of(delivered);
        runs.recordDelivery(claimed.runId(), fingerprint);
        if (claimed.trigger() != RunTrigger.schedule || delivered.isEmpty()
                || tenants.schedule(source.id()).map(Schedule::reapplyUnchanged).orElse(false)) {
            return Optional.empty();
        }
        return runs.lastApplied(source.id()).filter(last -> fingerprint.equals(last.fingerprint()))
                .map(last -> "no new delivery: the files are those run " + last.runId() + " applied (finished " + last.finishedAt()
                        + "); nothing was applied. Set the schedule's reapplyUnchanged to apply them again");
    }

    private RunSettings currentSettings(Source source) throws SQLException {
        return new RunSettings(tenants.dataRequirements(source.id()).orElse(DataRequirements.DEFAULTS),
                tenants.safeguards(source.id()).orElse(Safeguards.DEFAULTS),
                tenants.schoolMapping(source.id()).orElse(SchoolMapping.DEFAULT),
                tenants.attributeMapping(source.id()).orElse(AttributeMapping.DEFAULT));
    }

    private RunSettings frozenSettings(UUID runId) throws SQLException, IOException {
        String text = settingsSnapshots.settings(runId).orElseThrow(() -> new IllegalStateException("run " + runId + " kept no settings"));
        return json.readValue(text, RunSettings.class);
    }

    /** Imports every planned file in one transaction, and commits unless a fatal issue or a safeguard stops it. */
    private Ending importAll(UUID runId, Source source, List<PlannedFile> plan, RunSettings settings, boolean guarded, RunIssues issues,
                             List<FileCounts> files, List<Run.Phase> phases) throws IOException, SQLException {
        SchoolScope scope = new SchoolScope(settings.schoolMapping());
        java.nio.file.Path scratch = inbox.scratch(runId);
        FileImporter importer = new FileImporter(issues, References.of(plan, issues, scope, scratch, settings), settings, scope, progress(runId));
        long started = System.nanoTime();
        boolean deletes = !settings.safeguards().neverDelete();
        try (RosterTransaction tx = RosterTransaction.begin(dataSource, source.tenantId(), source.id(), pausePoints.forSource(source.id()),
                scratch)) {
            for (PlannedFile planned : plan) {
                files.add(importer.load((file, bulk, expected) -> tx.load(file, bulk, deletes, scope.outOfScope(), expected, partRecords), planned));
                if (issues.anyFatal()) {
                    return Ending.FATAL;
                }
            }
            phases.add(phase("read, check and merge the files", started));
            if (guarded && trip(settings.safeguards(), files, importer.unidentified(), issues)) {
                return Ending.HELD; // closing the transaction rolls it back
            }
            long committing = System.nanoTime();
            // with the roster, atomically: a run stopped after this commit is known to have been applied
            tx.alsoInThisTransaction(c -> RunStore.markApplied(Tx.on(c), runId));
            tx.commit();
            phases.add(phase("commit", committing));
        }
        try {
            tenants.schoolMapping(source.id()).ifPresent(current -> saveMapping(source, scope.after(current, java.time.Instant.now())));
        } catch (RuntimeException e) {
            // the roster is applied; the next run sees the same schools again
            LOG.warn("Run of source {} applied, but its school mapping could not be updated", source.id(), e);
        }
        return Ending.APPLIED;
    }

    private static Run.Phase phase(String name, long startedNanos) {
        return new Run.Phase(name, (System.nanoTime() - startedNanos) / 1_000_000);
    }

    /** Rows read so far, in the run's record (GET /api/runs/{id}) and in the log. */
    private Progress progress(UUID runId) {
        return (file, rows, done) -> {
            LOG.info("Run {}: {} {} rows{}", runId, file, rows, done ? ", read to its end" : " read so far");
            try {
                runs.progress(runId, file, rows);
            } catch (DataAccessException e) {
                LOG.warn("Run {}: progress not recorded", runId, e);
            }
        };
    }

    private void saveMapping(Source source, SchoolMapping mapping) {
        try {
            tenants.saveSchoolMapping(source.id(), mapping);
        } catch (DataAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Adds an issue per limit a file exceeds, and per bulk file that would withdraw records while rows of it that could
     * not be read name no record (any of them may be one it withdraws); true when any does.
     */
    static boolean trip(Safeguards safeguards, List<FileCounts> files, Map<RosterFile, UnreadableRows.Unidentified> unidentified,
                        RunIssues issues) {
        boolean tripped = false;
        for (FileCounts f : files) {
            UnreadableRows.Unidentified unread = RosterFile.byFileName(f.name()).map(unidentified::get).orElse(null);
            if (unread != null && f.deleted() > 0) {
                tripped = true;
                boolean one = unread.count() == 1;
                issues.add(new Issue(f.name(), null, null, null, "safeguard.unreadable_rows", Outcome.warning, "would withdraw "
                        + f.deleted() + (f.deleted() == 1 ? " record" : " records") + " it no longer lists, while " + unread.describe()
                        + (one ? " could not be read and names no record" : " could not be read and name no record")
                        + ": a withdrawn record may be " + (one ? "that row's" : "one of those rows'") + ". Fix "
                        + (one ? "the row" : "the rows") + " at the SIS and deliver again, or approve to withdraw"));
            }
            if (f.activeBefore() == 0) {
                continue; // a first import deletes and changes nothing
            }
            long changed = f.updated() - f.restored() + f.deleted();
            if (percent(f.deleted(), f.activeBefore()) > safeguards.maxDeletedPercent()) {
                tripped = true;
                issues.add(new Issue(f.name(), null, null, null, "safeguard.deletions", Outcome.warning, "would delete " + f.deleted()
                        + " of " + f.activeBefore() + " active records (" + format(percent(f.deleted(), f.activeBefore()))
                        + "%, limit " + safeguards.maxDeletedPercent() + "%)"));
            }
            if (percent(changed, f.activeBefore()) > safeguards.maxChangedPercent()) {
                tripped = true;
                issues.add(new Issue(f.name(), null, null, null, "safeguard.changes", Outcome.warning, "would change " + changed
                        + " of " + f.activeBefore() + " active records (" + format(percent(changed, f.activeBefore()))
                        + "%, limit " + safeguards.maxChangedPercent() + "%)"));
            }
        }
        return tripped;
    }

    private static double percent(long part, long whole) {
        return 100.0 * part / whole;
    }

    private static String format(double percent) {
        return String.format(java.util.Locale.ROOT, "%.1f", percent);
    }

    private static List<String> heldReasons(RunIssues issues) {
        return issues.toReport().stream().filter(i -> i.code().startsWith("safeguard.") && !i.code().endsWith("_prevented"))
                .map(i -> i.file() + " " + i.message()).toList();
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

}
