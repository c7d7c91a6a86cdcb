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
import org.rostersync.intake.inbox.RunArchives;
import org.rostersync.intake.inbox.Snapshot;
import org.rostersync.intake.remote.FetchResult;
import org.rostersync.intake.remote.RemoteFetcher;
import org.rostersync.oneroster.OneRosterFiles;
import org.rostersync.report.FileCounts;
import org.rostersync.report.IssueCode;
import org.rostersync.report.Run;
import org.rostersync.report.RunStatus;
import org.rostersync.report.RunQueue;
import org.rostersync.report.RunStore;
import org.rostersync.report.SettingsSnapshots;
import org.rostersync.report.RunTrigger;
import org.rostersync.roster.RosterTransaction;
import org.rostersync.roster.SourceBusyException;
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
    private final RunArchives archives;
    private final RunStore runs;
    private final SettingsSnapshots settingsSnapshots;
    private final DataSource dataSource;
    private final TenantService tenants;
    private final JsonMapper json;
    private final PausePoints pausePoints;
    private final RemoteFetcher remote;
    private final CurrentRules currentRules;
    private final RunMetrics metrics;
    private final SafePoints safePoints;
    /** Records of a file compared in memory at once; more are compared part by part. */
    private final long partRecords;

    Pipeline(Inbox inbox, RunArchives archives, RunStore runs, SettingsSnapshots settingsSnapshots, DataSource dataSource, TenantService tenants,
             JsonMapper json, PausePoints pausePoints, RunsConfig config, RemoteFetcher remote, CurrentRules currentRules,
             RunMetrics metrics, SafePoints safePoints) {
        this.metrics = metrics;
        this.currentRules = currentRules;
        this.safePoints = safePoints;
        this.pausePoints = pausePoints;
        this.remote = remote;
        this.partRecords = config.partRecords();
        this.inbox = inbox;
        this.archives = archives;
        this.runs = runs;
        this.settingsSnapshots = settingsSnapshots;
        this.dataSource = dataSource;
        this.tenants = tenants;
        this.json = json;
    }

    /** How the import of a plan ended. */
    private enum Ending { APPLIED, FATAL, HELD, REFUSED }

    /** How a run ended: what is recorded; once recorded, with its phases and issues for the metrics. */
    private record Ended(RunStatus status, String message, List<Run.Phase> phases, java.util.Map<String, java.util.Map<String, Long>> issuesPerFileAndCode)
            implements Start {

        Ended(RunStatus status, String message) {
            this(status, message, List.of(), java.util.Map.of());
        }

        Ended with(List<Run.Phase> phases, java.util.Map<String, java.util.Map<String, Long>> issuesPerFileAndCode) {
            return new Ended(status, message, List.copyOf(phases), issuesPerFileAndCode);
        }
    }

    /** What preparing a run came to: a run ready to apply, or one that ended before it read its delivery. */
    private sealed interface Start permits Prepared, Ended {
    }

    /**
     * A run ready to apply: its settings and its frozen delivery. A fresh run reads them now and is guarded by the
     * safeguards; an approved one reads what it froze when it was held, and applies exactly that.
     *
     * @param appliedPrefix what the message of an applied run begins with
     */
    private record Prepared(RunSettings settings, Snapshot snapshot, boolean guarded, String appliedPrefix) implements Start {

        static Prepared fresh(RunSettings settings, Snapshot snapshot) {
            return new Prepared(settings, snapshot, true, "");
        }

        static Prepared approved(RunSettings settings, Snapshot snapshot) {
            return new Prepared(settings, snapshot, false, "approved and applied: ");
        }
    }

    /**
     * Executes a run this instance claimed: an approved one is computed again from what it froze when it was held. Every
     * line the run logs on its thread names its tenant and source by name ({@link RunLogContext}).
     */
    void execute(RunQueue.Claimed claimed, Source source) {
        String tenantName = tenantName(source);
        long started = System.nanoTime();
        try (RunLogContext context = RunLogContext.open(claimed.runId(), tenantName, source)) {
            Ended ended = executeLogged(claimed, source);
            metrics.ended(claimed.trigger(), ended.status(), java.time.Duration.ofNanos(System.nanoTime() - started),
                    ended.phases(), ended.issuesPerFileAndCode());
        }
    }

    /** The tenant's name for the log; its id when the database cannot say (the run then fails and says why). */
    private String tenantName(Source source) {
        try {
            return tenants.tenant(source.tenantId()).map(org.rostersync.tenant.Tenant::name).orElse(source.tenantId().toString());
        } catch (RuntimeException e) {
            return source.tenantId().toString();
        }
    }

    private Ended executeLogged(RunQueue.Claimed claimed, Source source) {
        UUID runId = claimed.runId();
        RunIssues issues = new RunIssues(RunIssues.DEFAULT_CAP);
        List<FileCounts> files = new ArrayList<>();
        List<Run.Phase> phases = new ArrayList<>();
        Ended ended;
        try {
            Start start = claimed.approved() ? reopen(runId, phases) : prepare(claimed, source, issues, phases);
            if (start instanceof Ended early) {
                return finish(runId, source, early, files, issues, phases);
            }
            safePoints.check(); // the stop came while the delivery was frozen: nothing of it is read
            ended = apply(runId, source, (Prepared) start, issues, files, phases);
        } catch (SourceBusyException e) {
            ended = new Ended(RunStatus.failed, e.getMessage());
        } catch (SafePoints.RunStopped e) {
            // not a fault: the service was asked to stop, and this run did not finish within the grace period
            LOG.info("Run {} of source {} stopped at a safe point: rostersync is stopping; nothing was applied", runId, source.id());
            ended = new Ended(RunStatus.failed, "stopped: rostersync was stopping and the run did not finish within its grace"
                    + " period (ROSTERSYNC_SHUTDOWN_GRACE_SECONDS); nothing was applied. Run the source again");
            files.replaceAll(FileCounts::notApplied);
        } catch (DeliveryChanged e) {
            // the delivery's fault, not the service's: no stack trace, an issue that says which file to upload again
            LOG.warn("Run {} of source {} failed: {}", runId, source.id(), e.getMessage());
            ended = new Ended(RunStatus.failed, e.getMessage() + "; nothing was applied");
            files.replaceAll(FileCounts::notApplied);
            issues.add(IssueCode.DELIVERY_CHANGED_AFTER_UPLOAD.ofFile(e.file(), e.getMessage()));
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.error("Run {} of source {} failed", runId, source.id(), e);
            ended = new Ended(RunStatus.failed, "the run stopped on an internal error: " + e.getMessage() + "; nothing was applied");
            files.replaceAll(FileCounts::notApplied);
            issues.add(IssueCode.RUN_INTERNAL_ERROR.ofRun(ended.message()));
        } catch (OutOfMemoryError e) {
            // the load's tables are garbage now: record the run as failed instead of leaving it "running" for ever
            LOG.error("Run {} of source {} ran out of memory", runId, source.id(), e);
            ended = new Ended(RunStatus.failed, "the run ran out of memory (" + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MB of heap); nothing was applied. Give the service more heap (-Xmx) or compare fewer records in memory"
                    + " at once (ROSTERSYNC_RUNS_PART_RECORDS)");
            files.replaceAll(FileCounts::notApplied);
            issues.add(IssueCode.RUN_OUT_OF_MEMORY.ofRun(ended.message()));
        }
        try {
            archives.removeScratch(runId);
        } catch (IOException e) {
            LOG.warn("Cannot remove the working files of run {}", runId, e);
        }
        return finish(runId, source, ended, files, issues, phases);
    }

    /**
     * A fresh run: the source's settings now (kept, for an approval to read), its delivery fetched when it is pulled (so
     * that the delivery's fingerprint is that of the fetched files), and frozen; or how it ended before.
     */
    private Start prepare(RunQueue.Claimed claimed, Source source, RunIssues issues, List<Run.Phase> phases)
            throws SQLException, IOException {
        RunSettings settings = currentRules.settings(source.id());
        settingsSnapshots.saveSettings(claimed.runId(), new String(json.writeValueAsBytes(settings), StandardCharsets.UTF_8));
        Optional<String> fetchFailed = fetch(source, issues, phases);
        if (fetchFailed.isPresent()) {
            return new Ended(RunStatus.failed, fetchFailed.get());
        }
        Optional<String> nothingNew = nothingNew(claimed, source);
        if (nothingNew.isPresent()) {
            return new Ended(RunStatus.no_new_delivery, nothingNew.get());
        }
        long started = System.nanoTime();
        Snapshot snapshot = archives.snapshot(source.id(), claimed.runId(), OneRosterFiles.ALL);
        phases.add(phase("freeze the delivery", started));
        return Prepared.fresh(settings, snapshot);
    }

    /** An approved run: the settings and the delivery it froze when it was held. */
    private Prepared reopen(UUID runId, List<Run.Phase> phases) throws SQLException, IOException {
        RunSettings settings = frozenSettings(runId);
        long started = System.nanoTime();
        Snapshot snapshot = archives.reopen(runId, OneRosterFiles.ALL);
        phases.add(phase("reopen the frozen delivery", started));
        return Prepared.approved(settings, snapshot);
    }

    /** Plans the prepared delivery and imports it: applied, held by the safeguards, or failed with nothing applied. */
    private Ended apply(UUID runId, Source source, Prepared run, RunIssues issues, List<FileCounts> files, List<Run.Phase> phases)
            throws IOException, SQLException {
        issues.addNotes(run.snapshot().notes());
        List<PlannedFile> plan = issues.anyFatal() ? List.of() : DeliveryPlan.plan(run.snapshot(), issues);
        if (plan.isEmpty()) {
            return new Ended(RunStatus.failed, issues.anyFatal() ? "the delivery cannot be imported: see the fatal issues"
                    : "no complete delivery for source " + source.id() + " (" + source.name() + ")");
        }
        if (issues.anyFatal()) {
            return new Ended(RunStatus.failed, "the delivery is incomplete or inconsistent: see the fatal issues; nothing was applied");
        }
        return switch (importAll(runId, source, plan, run.settings(), run.guarded(), issues, files, phases)) {
            case APPLIED -> new Ended(issues.any() ? RunStatus.succeeded_with_issues : RunStatus.succeeded,
                    run.appliedPrefix() + summary(files));
            case HELD -> new Ended(RunStatus.held, "held by the safeguards, nothing was applied: "
                    + String.join("; ", SafeguardCheck.heldReasons(issues)) + ". Approve the run to apply exactly this, or discard it");
            case FATAL -> {
                files.replaceAll(FileCounts::notApplied);
                yield new Ended(RunStatus.failed, "a file could not be imported: see the fatal issues; nothing was applied");
            }
            case REFUSED -> {
                files.replaceAll(FileCounts::notApplied);
                yield new Ended(RunStatus.failed, "the approval was refused: the roster is not the one the run was held on, so it"
                        + " would not apply exactly the changes shown; nothing was applied. Run the source again to see what it"
                        + " would change now");
            }
        };
    }

    private Ended finish(UUID runId, Source source, Ended ended, List<FileCounts> files, RunIssues issues, List<Run.Phase> phases) {
        try {
            runs.finish(runId, ended.status(), ended.message(), files, issues.toReport(), phases);
            LOG.info("Run {} of source {} {}: {}", runId, source.id(), ended.status(), ended.message());
        } catch (DataAccessException e) {
            LOG.error("Cannot record the end of run {}", runId, e);
        }
        return ended.with(phases, issues.perFileAndCode());
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
        fetched.get().notes().forEach(note -> issues.add(note.code().ofRun(note.message())));
        if (fetched.get().ok()) {
            return Optional.empty();
        }
        issues.add(fetched.get().failed().issueCode().ofRun(fetched.get().message()));
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

    private RunSettings frozenSettings(UUID runId) throws SQLException, IOException {
        String text = settingsSnapshots.settings(runId).orElseThrow(() -> new IllegalStateException("run " + runId + " kept no settings"));
        return json.readValue(text, RunSettings.class);
    }

    /** Imports every planned file in one transaction, and commits unless a fatal issue or a safeguard stops it. */
    private Ending importAll(UUID runId, Source source, List<PlannedFile> plan, RunSettings settings, boolean guarded, RunIssues issues,
                             List<FileCounts> files, List<Run.Phase> phases) throws IOException, SQLException {
        SchoolScope scope = new SchoolScope(settings.schoolMapping());
        java.nio.file.Path scratch = archives.scratch(runId);
        FileImporter importer = new FileImporter(issues, References.of(plan, issues, scope, scratch, settings), settings, scope, progress(runId));
        long started = System.nanoTime();
        boolean deletes = !settings.safeguards().neverDelete();
        try (RosterTransaction tx = RosterTransaction.begin(dataSource, source.tenantId(), source.id(), runId,
                safePoints.around(pausePoints.forSource(source.id())), scratch)) {
            if (!guarded) {
                tx.setAsideHeldChanges(); // an approval: what the operator saw, to compare with what the run does now
            }
            for (PlannedFile planned : plan) {
                files.add(importer.load((file, bulk, expected) -> tx.load(file, bulk, deletes, scope.outOfScope(), expected, partRecords),
                        planned));
                if (issues.anyFatal()) {
                    return Ending.FATAL;
                }
            }
            phases.add(phase("read, check and merge the files", started));
            if (guarded && SafeguardCheck.trip(settings.safeguards(), files, importer.unidentified(), issues)) {
                tx.rollBackKeepingChanges(); // what approving would do stays, for the operator to review
                return Ending.HELD;
            }
            if (!guarded) {
                long differences = tx.differencesFromHeld();
                if (differences > 0) {
                    issues.add(IssueCode.RUN_APPROVAL_REFUSED.ofRun(String.format("computed again, the run would change %,d"
                            + " records otherwise than its change list showed when it was held", differences)));
                    return Ending.REFUSED; // closing the transaction rolls it back: the held change list stays
                }
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

    /**
     * Rows read so far: in the run's record (GET /api/runs/{id}), in the log with the file's total and how far that is,
     * and in the metrics.
     */
    private Progress progress(UUID runId) {
        java.util.Map<String, Long> reported = new java.util.HashMap<>();
        return (file, rows, total, done) -> {
            safePoints.check(); // every Progress.EVERY rows: a stop waits for at most that many rows, not one check a row
            Long before = reported.put(file, rows);
            metrics.rowsRead(rows - (before == null ? 0 : before));
            if (done) {
                LOG.info("Run {}: {} read to its end, {} rows (100%)", runId, file, String.format("%,d", rows));
            } else {
                LOG.info("Run {}: {} {} of {} read ({}%)", runId, file, String.format("%,d", rows), total.describe(),
                        total.percent(rows, false));
            }
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
