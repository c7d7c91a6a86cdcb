package org.rostersync.api.admin;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.rostersync.notify.NotificationService;
import org.rostersync.notify.SentEmail;
import org.rostersync.pipeline.RunService;
import org.rostersync.report.IssueCsv;
import org.rostersync.report.IssuePage;
import org.rostersync.report.Run;
import org.rostersync.report.RunSummaries;
import org.rostersync.report.RunSummary;
import org.rostersync.report.IssueStore;
import org.rostersync.report.RunStore;
import org.rostersync.tenant.Source;
import org.rostersync.tenant.TenantService;

import io.micronaut.http.MediaType;
import io.micronaut.http.server.types.files.StreamedFile;
import org.rostersync.pipeline.RunArchive;
import org.rostersync.pipeline.RunChangeList;
import org.rostersync.roster.ChangePage;
import io.micronaut.core.annotation.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;

/** Sources, starting runs, and reading runs with their issues. */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class RunController {

    private final TenantService tenants;
    private final RunService runService;
    private final RunStore runs;
    private final IssueStore issues;
    private final RunArchive archive;
    private final RunChangeList changes;
    private final RunSummaries summaries;
    private final NotificationService notifications;

    RunController(TenantService tenants, RunService runService, RunStore runs, IssueStore issues, RunArchive archive,
                  RunChangeList changes, RunSummaries summaries, NotificationService notifications) {
        this.changes = changes;
        this.summaries = summaries;
        this.notifications = notifications;
        this.tenants = tenants;
        this.runService = runService;
        this.runs = runs;
        this.issues = issues;
        this.archive = archive;
    }

    @Get("/sources/{sourceId}")
    Source source(UUID sourceId) {
        return find(sourceId);
    }

    /** Runs the pipeline now on the source's latest complete delivery. */
    @Post("/sources/{sourceId}/runs")
    HttpResponse<Run> start(UUID sourceId) {
        return HttpResponse.accepted().body(runService.start(find(sourceId)));
    }

    @Get("/sources/{sourceId}/runs")
    List<Run> list(UUID sourceId, @QueryValue(defaultValue = "50") @Min(1) @Max(1000) int limit) {
        find(sourceId);
        return runs.forSource(sourceId, limit);
    }

    @Get("/runs/{runId}")
    Run run(UUID runId) {
        return runs.find(runId).orElseThrow(() -> new NotFoundException("run", runId));
    }

    @Get("/runs/{runId}/issues")
    IssuePage issues(UUID runId,
                     @QueryValue(defaultValue = "100") @Min(1) @Max(10000) int limit,
                     @QueryValue(defaultValue = "0") @Min(0) int offset) {
        run(runId);
        return issues.issues(runId, limit, offset);
    }

    /**
     * The run's issues grouped by code and file, with their counts, what each code means and how to fix it at the SIS,
     * and a few examples: fatal first, then skipped, errors, warnings.
     */
    @Get("/runs/{runId}/summary")
    RunSummary summary(UUID runId) {
        return summaries.of(run(runId));
    }

    /**
     * Queues the run's report to its source's vendor contacts (the groups of issues with their fixes, the delivery, every
     * affected row as CSV): 202 with the email as the outbox lists it; 409 without contacts or issues.
     */
    @Post("/runs/{runId}/vendor-report")
    HttpResponse<SentEmail> sendVendorReport(UUID runId) {
        Run run = run(runId);
        return HttpResponse.accepted().body(notifications.sendVendorReport(run, find(run.sourceId())));
    }

    /** The run's report for the vendor contacts as text; its rows are {@code issues.csv}. */
    @Get(value = "/runs/{runId}/vendor-report", produces = "text/plain; charset=utf-8")
    String vendorReport(UUID runId) {
        return notifications.vendorReportText(run(runId));
    }

    /** Every issue of the run as CSV for a spreadsheet, cells that would run as formulas neutralised. */
    @Get(value = "/runs/{runId}/issues.csv", produces = "text/csv")
    HttpResponse<StreamedFile> issuesCsv(UUID runId) throws IOException {
        run(runId);
        Path csv = IssueCsv.export(issues, runId);
        return attachment(csv, "run-" + runId + "-issues.csv", MediaType.of("text/csv; charset=utf-8"), true);
    }

    /**
     * What the run changed (a held run: what approving it would do), a page at a time in file order then by sourcedId;
     * {@code after} is the {@code after} of the page before.
     */
    @Get("/runs/{runId}/changes")
    ChangePage changes(UUID runId, @Nullable @QueryValue String file, @Nullable @QueryValue String op,
                       @QueryValue(defaultValue = "100") @Min(1) @Max(1000) int limit, @Nullable @QueryValue String after) {
        return changes.page(run(runId), file, op, after, limit);
    }

    /** Every change of the run as CSV, one line per changed field, cells that would run as formulas neutralised. */
    @Get(value = "/runs/{runId}/changes.csv", produces = "text/csv")
    HttpResponse<StreamedFile> changesCsv(UUID runId) throws IOException {
        Path csv = changes.csv(run(runId));
        return attachment(csv, "run-" + runId + "-changes.csv", MediaType.of("text/csv; charset=utf-8"), true);
    }

    /** The files the run froze, as delivered: name, size, SHA-256, when each arrived. */
    @Get("/runs/{runId}/files")
    List<RunArchive.ArchivedFile> files(UUID runId) throws IOException {
        requireArchive(run(runId));
        return archive.files(runId);
    }

    /** One file the run froze, byte for byte as delivered. */
    @Get("/runs/{runId}/files/{name}")
    HttpResponse<StreamedFile> file(UUID runId, String name) throws IOException {
        requireArchive(run(runId));
        Path file = archive.file(runId, name).orElseThrow(() -> new NotFoundException("file of run " + runId, name));
        return attachment(file, name, MediaType.APPLICATION_OCTET_STREAM_TYPE, false);
    }

    private static void requireArchive(Run run) {
        if (run.archiveRemovedAt() != null) {
            throw new GoneException("the archive of run " + run.id() + " was removed on " + run.archiveRemovedAt()
                    + ", past its keeping time (rostersync.runs.keep-days)");
        }
    }

    private static HttpResponse<StreamedFile> attachment(Path file, String name, MediaType type, boolean temporary) throws IOException {
        long size = Files.size(file);
        // DELETE_ON_CLOSE: on Linux the name goes at once, and the bytes when the response has been sent
        java.io.InputStream in = temporary ? Files.newInputStream(file, StandardOpenOption.DELETE_ON_CLOSE) : Files.newInputStream(file);
        return HttpResponse.ok(new StreamedFile(in, type))
                .header("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_") + "\"")
                .contentLength(size);
    }

    /** Applies a held run: computed again from its frozen delivery and settings, without the safeguards. */
    @Post("/runs/{runId}/approve")
    HttpResponse<Run> approve(UUID runId, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        run(runId); // 404 for an unknown run
        return HttpResponse.accepted().body(runService.approve(runId, caller.operator().username()));
    }

    /** Drops a held run: nothing of it is applied. */
    @Post("/runs/{runId}/discard")
    Run discard(UUID runId, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        run(runId);
        return runService.discard(runId, caller.operator().username());
    }

    private Source find(UUID sourceId) {
        return tenants.source(sourceId).orElseThrow(() -> new NotFoundException("source", sourceId));
    }
}
