package org.rostersync.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.rostersync.pipeline.RunArchive;
import org.rostersync.pipeline.RunChangeList;
import org.rostersync.roster.Change;
import org.rostersync.roster.ChangePage;
import org.rostersync.tenant.InvalidSettingException;
import org.rostersync.pipeline.RunDecisionException;
import org.rostersync.pipeline.RunService;
import org.rostersync.notify.NotificationService;
import org.rostersync.notify.VendorReportRefused;
import org.rostersync.report.IssueCsv;
import org.rostersync.report.RunSummaries;
import org.rostersync.tenant.VendorContacts;
import org.rostersync.report.IssueFilter;
import org.rostersync.report.Outcome;
import org.rostersync.report.Run;
import org.rostersync.report.IssueStore;
import org.rostersync.report.RunStore;
import org.rostersync.schedule.Schedules;
import org.rostersync.tenant.Schedule;
import org.rostersync.tenant.Tenant;
import org.rostersync.report.IssueGroup;
import org.rostersync.report.IssueGroups;
import org.rostersync.report.FileCounts;
import org.rostersync.report.RunStatus;
import org.rostersync.tenant.Source;
import org.rostersync.tenant.TenantService;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A run's page, its downloads, and approving or discarding it when held. */
@Controller("/console/runs")
@ExecuteOn(TaskExecutors.BLOCKING)
class RunController {

    static final int ISSUES_PER_PAGE = 100;

    private final RunStore runs;
    private final IssueStore issues;
    private final IssueGroups issueGroups;
    private final TenantService tenants;
    private final RunService runService;
    private final RunArchive archive;
    private final Schedules schedules;
    private final Pages pages;
    private final RunChangeList changes;

    private final RunSummaries summaries;
    private final NotificationService notifications;

    RunController(RunStore runs, IssueStore issues, IssueGroups issueGroups, TenantService tenants, RunService runService,
                  RunArchive archive, Schedules schedules, Pages pages, RunChangeList changes, RunSummaries summaries,
                  NotificationService notifications) {
        this.changes = changes;
        this.summaries = summaries;
        this.notifications = notifications;
        this.runs = runs;
        this.issues = issues;
        this.issueGroups = issueGroups;
        this.tenants = tenants;
        this.runService = runService;
        this.archive = archive;
        this.schedules = schedules;
        this.pages = pages;
    }

    /** A run and the source it belongs to, when the operator may see them. */
    private record Visible(Run run, Source source) {
    }

    @Get("/{runId}")
    HttpResponse<?> run(HttpRequest<?> request, String runId, @Nullable @QueryValue String file,
                        @Nullable @QueryValue String outcome, @Nullable @QueryValue String code,
                        @Nullable @QueryValue String sourcedId, @Nullable @QueryValue String after,
                        @Nullable @QueryValue String notice, @Nullable @QueryValue String changeFile,
                        @Nullable @QueryValue String changeOp, @Nullable @QueryValue String changesAfter,
                        @Nullable @QueryValue String report) throws IOException {
        return page(request, runId, (session, visible) -> {
            Run run = visible.run();
            Source source = visible.source();
            RunPage.Filter form = new RunPage.Filter(text(file), text(outcome), text(code), text(sourcedId));
            Outcome wanted = null;
            for (Outcome o : Outcome.values()) {
                if (o.name().equals(form.outcome())) {
                    wanted = o;
                }
            }
            Integer from = number(after);
            IssueFilter filter = new IssueFilter(form.file(), wanted, form.code(), form.sourcedId());
            var slice = issueGroups.slice(run, filter, from, ISSUES_PER_PAGE);
            String base = "/console/runs/" + run.id() + "?" + query(form);
            ZoneId zone = schedules.schedule(source.id()).map(Schedule::timeZone).orElse(ZoneId.of("UTC"));
            List<String> findings = run.status() == RunStatus.held
                    ? issues.issuesWithCode(run.id(), "safeguard.", 20).stream().filter(i -> !i.code().endsWith("_prevented"))
                            .map(i -> (i.file() == null ? "" : i.file() + " ") + i.message()).toList()
                    : List.of();
            List<RunPage.Delivered> files = run.archiveRemovedAt() != null ? List.of() : archive.files(run.id()).stream()
                    .map(f -> new RunPage.Delivered(f.name(), Dashboard.size(f.size()), f.sha256(),
                            "/console/runs/" + run.id() + "/files/" + URLEncoder.encode(f.name(), StandardCharsets.UTF_8).replace("+", "%20")))
                    .toList();
            String tenant = tenants.tenant(source.tenantId()).map(Tenant::name).orElse("");
            RunPage page = new RunPage(Frame.of("Run of " + source.name(), session), run, tenant, source.name(),
                    Dashboard.when(run.createdAt(), zone), run.startedAt() == null ? null : Dashboard.when(run.startedAt(), zone),
                    run.finishedAt() == null ? null : Dashboard.when(run.finishedAt(), zone),
                    run.status() == RunStatus.queued || run.status() == RunStatus.running,
                    run.files(), findings, form, run.files().stream().map(FileCounts::name).toList(),
                    issueGroups.of(run).stream().map(IssueGroup::code).distinct().sorted().toList(),
                    slice, slice.after() == null ? null : base + "&after=" + slice.after(), from != null ? base : null, files,
                    run.archiveRemovedAt() != null, notice(notice), changes(run, source.tenantId(), text(changeFile), text(changeOp), changesAfter),
                    summaryBlock(run, source, report));
            return pages.render("console/run.jte", page);
        });
    }

    /**
     * The run's changes for its page: a few of each file's, or with a filter a page of those that match. A filter the
     * list does not know shows nothing and says why, as a typed address can hold anything.
     */
    private RunPage.Changes changes(Run run, UUID tenantId, String file, String op, @Nullable String after) {
        List<String> files = run.files().stream().filter(f -> f.inserted() + f.updated() + f.deleted() > 0).map(FileCounts::name).toList();
        String base = "/console/runs/" + run.id() + "?changeFile=" + enc(file) + "&changeOp=" + enc(op);
        try {
            if (file.isEmpty() && op.isEmpty()) {
                List<Change> sample = new java.util.ArrayList<>();
                for (String name : files) {
                    sample.addAll(changes.page(run, name, null, null, RunPage.Changes.SAMPLE_PER_FILE).changes());
                }
                return new RunPage.Changes(tenantId, files, file, op, sample, null, null, null);
            }
            ChangePage page = changes.page(run, file, op, after, RunPage.Changes.PER_PAGE);
            return new RunPage.Changes(tenantId, files, file, op, page.changes(),
                    page.after() == null ? null : base + "&changesAfter=" + enc(page.after()), after == null ? null : base, null);
        } catch (InvalidSettingException e) {
            return new RunPage.Changes(tenantId, files, file, op, List.of(), null, null, e.getMessage());
        }
    }

    @Get(value = "/{runId}/changes.csv", produces = "text/csv")
    HttpResponse<?> changesCsv(HttpRequest<?> request, String runId) throws IOException {
        return page(request, runId, (session, visible) -> attachment(changes.csv(visible.run()), "run-" + visible.run().id()
                + "-changes.csv", MediaType.of("text/csv; charset=utf-8"), true));
    }

    /** The top of the run's page: its summary, and the report for the vendor contacts. */
    private RunSummaryBlock summaryBlock(Run run, Source source, @Nullable String report) {
        VendorContacts contacts = notifications.vendorContacts(source.id()).orElse(VendorContacts.NONE);
        String said = report == null ? null : switch (report) {
            case "sent" -> "The report is queued for " + String.join(", ", contacts.emails()) + ": it goes out with the next"
                    + " emails, retried until the mail server takes it (the source's Notifications page lists it).";
            case "refused" -> "No report was sent: the source has no vendor contacts, or this run found no issue.";
            default -> null;
        };
        return new RunSummaryBlock(run.id(), source.id(), summaries.of(run),
                contacts.contacts().stream().map(VendorContacts.Contact::display).toList(), said);
    }

    /** Sends the run's report to the source's vendor contacts, through the outbox. */
    @Post(value = "/{runId}/vendor-report", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> sendVendorReport(HttpRequest<?> request, String runId, @Body Map<String, String> form) throws IOException {
        return form(request, runId, form, (session, visible) -> {
            String report;
            try {
                notifications.sendVendorReport(visible.run(), visible.source());
                report = "sent";
            } catch (VendorReportRefused e) {
                report = "refused";
            }
            return Pages.seeOther("/console/runs/" + visible.run().id() + "?report=" + report + "#summary");
        });
    }

    /** The run's report for the vendor contacts, as text (its rows are issues.csv). */
    @Get(value = "/{runId}/vendor-report.txt", produces = "text/plain")
    HttpResponse<?> vendorReport(HttpRequest<?> request, String runId) throws IOException {
        return page(request, runId, (session, visible) -> Pages.secured(HttpResponse.ok(notifications.vendorReportText(visible.run()))
                .contentType(MediaType.of("text/plain; charset=utf-8"))
                .header("Content-Disposition", "attachment; filename=\"run-" + visible.run().id() + "-report.txt\"")));
    }

    @Get(value = "/{runId}/issues.csv", produces = "text/csv")
    HttpResponse<?> issuesCsv(HttpRequest<?> request, String runId) throws IOException {
        return page(request, runId, (session, visible) -> attachment(IssueCsv.export(issues, visible.run().id()),
                "run-" + visible.run().id() + "-issues.csv", MediaType.of("text/csv; charset=utf-8"), true));
    }

    @Get("/{runId}/files/{name}")
    HttpResponse<?> file(HttpRequest<?> request, String runId, String name) throws IOException {
        return page(request, runId, (session, visible) -> {
            Optional<Path> file = visible.run().archiveRemovedAt() != null ? Optional.empty() : archive.file(visible.run().id(), name);
            return file.isEmpty() ? notFound(session, runId) : attachment(file.get(), name, MediaType.APPLICATION_OCTET_STREAM_TYPE, false);
        });
    }

    @Post(value = "/{runId}/approve", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> approve(HttpRequest<?> request, String runId, @Body Map<String, String> form) throws IOException {
        return decide(request, runId, form, true);
    }

    @Post(value = "/{runId}/discard", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> discard(HttpRequest<?> request, String runId, @Body Map<String, String> form) throws IOException {
        return decide(request, runId, form, false);
    }

    private HttpResponse<?> decide(HttpRequest<?> request, String runId, Map<String, String> form, boolean approve) throws IOException {
        return form(request, runId, form, (session, visible) -> {
            UUID id = visible.run().id();
            String notice;
            try {
                if (approve) {
                    runService.approve(id, session.operator().username());
                    notice = "approved";
                } else {
                    runService.discard(id, session.operator().username());
                    notice = "discarded";
                }
            } catch (RunDecisionException e) {
                notice = "refused";
            }
            return Pages.seeOther("/console/runs/" + id + "?notice=" + notice);
        });
    }

    /** What a page or form of a visible run does; it may read files. */
    @FunctionalInterface
    private interface RunAction {
        HttpResponse<?> run(Session session, Visible visible) throws IOException;
    }

    /** A page of the run: shown when the operator may see the run, else the same 404 as for a run that does not exist. */
    private HttpResponse<?> page(HttpRequest<?> request, String runId, RunAction action) throws IOException {
        Session session = Requests.session(request);
        Optional<Visible> visible = visible(session, runId);
        return visible.isEmpty() ? notFound(session, runId) : action.run(session, visible.get());
    }

    /** A form about the run: the session's token first, then whether the operator may see the run, then the action. */
    private HttpResponse<?> form(HttpRequest<?> request, String runId, Map<String, String> form, RunAction action) throws IOException {
        Session session = Requests.session(request);
        return session.allows(form.get("_csrf")) ? page(request, runId, action) : Forms.refused();
    }

    private Optional<Visible> visible(Session session, String runId) {
        UUID id;
        try {
            id = UUID.fromString(runId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Optional<Run> run = runs.find(id);
        if (run.isEmpty()) {
            return Optional.empty();
        }
        Optional<Source> source = tenants.source(run.get().sourceId());
        // another tenant's run is answered as a run that does not exist: its id tells nothing
        return source.filter(s -> session.operator().sees(s.tenantId())).map(s -> new Visible(run.get(), s));
    }

    private HttpResponse<String> notFound(Session session, String runId) {
        return pages.render(HttpStatus.NOT_FOUND, "console/missing.jte",
                new MissingPage(Frame.of("Not found", session), "There is no run " + runId + " that you can see."));
    }

    private static String notice(String notice) {
        if (notice == null) {
            return null;
        }
        return switch (notice) {
            case "approved" -> "Approved: the run is queued and will apply exactly the changes listed below, or refuse if the"
                    + " roster changed since it was held.";
            case "discarded" -> "Discarded: nothing of this run will be applied.";
            case "refused" -> "Nothing was done: the run is no longer held, or a later run of its source was applied since.";
            default -> null;
        };
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }

    /** The position to continue after, or null (from the first) for none or a bad one. */
    private static Integer number(String text) {
        try {
            return text == null || text.isBlank() ? null : Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String query(RunPage.Filter f) {
        return "file=" + enc(f.file()) + "&outcome=" + enc(f.outcome()) + "&code=" + enc(f.code()) + "&sourcedId=" + enc(f.sourcedId());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static HttpResponse<StreamedFile> attachment(Path file, String name, MediaType type, boolean temporary) throws IOException {
        long size = Files.size(file);
        // DELETE_ON_CLOSE: on Linux the name goes at once, and the bytes when the response has been sent
        InputStream in = temporary ? Files.newInputStream(file, StandardOpenOption.DELETE_ON_CLOSE) : Files.newInputStream(file);
        return Pages.secured(HttpResponse.ok(new StreamedFile(in, type))
                .header("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_") + "\"")
                .contentLength(size));
    }
}
