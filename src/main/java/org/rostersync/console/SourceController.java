package org.rostersync.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.rostersync.pipeline.CurrentRules;
import org.rostersync.pipeline.DataRequirementRules;
import org.rostersync.pipeline.RunService;
import org.rostersync.report.Run;
import org.rostersync.report.RunStore;
import org.rostersync.tenant.DataRequirements;
import org.rostersync.tenant.InvalidSettingException;
import org.rostersync.tenant.Source;
import org.rostersync.tenant.TenantService;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A source's page: its runs at a glance, run now, and its data requirements. */
@Controller("/console/sources")
@ExecuteOn(TaskExecutors.BLOCKING)
class SourceController {

    static final int CHARTED_RUNS = 30;

    private final TenantService tenants;
    private final RunStore runs;
    private final RunService runService;
    private final SourceAccess access;
    private final Pages pages;
    private final CurrentRules currentRules;
    private final org.rostersync.tenant.SettingsAudit audit;

    SourceController(TenantService tenants, RunStore runs, RunService runService, SourceAccess access,
                     Pages pages, CurrentRules currentRules, org.rostersync.tenant.SettingsAudit audit) {
        this.currentRules = currentRules;
        this.tenants = tenants;
        this.runs = runs;
        this.runService = runService;
        this.access = access;
        this.pages = pages;
        this.audit = audit;
    }

    @Get("/{sourceId}")
    HttpResponse<?> source(HttpRequest<?> request, String sourceId, @Nullable @QueryValue String notice) {
        return access.page(request, sourceId, (session, source) -> page(session, source, Map.of(), Map.of(), HttpStatus.OK,
                notice(notice)));
    }

    /**
     * The source's rules for {@code rostersync validate --rules}, as a file named after the source: the document the
     * admin API's {@code GET /api/sources/{id}/rules} serves.
     */
    @Get("/{sourceId}/rules.json")
    HttpResponse<?> rules(HttpRequest<?> request, String sourceId) {
        return access.page(request, sourceId, (session, source) -> currentRules.export(source.id())
                .<HttpResponse<?>>map(rules -> Pages.secured(HttpResponse.ok(rules.toJson()).contentType(MediaType.APPLICATION_JSON_TYPE)
                        .header("Content-Disposition", "attachment; filename=\"" + rules.fileName() + "\"")))
                .orElseGet(() -> access.notFound(session, sourceId)));
    }

    @Post(value = "/{sourceId}/run", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> runNow(HttpRequest<?> request, String sourceId, @Body Map<String, String> form) {
        return access.form(request, sourceId, form, (session, source) -> {
            Run run = runService.start(source);
            return Pages.seeOther("/console/runs/" + run.id());
        });
    }

    /**
     * Saves the data requirements the form holds: one field per attribute ({@code users.email}) set to none, report or
     * skip. A refusal comes back as the same form, with what was sent and the error next to its field; nothing is saved.
     */
    @Post(value = "/{sourceId}/data-requirements", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> saveRequirements(HttpRequest<?> request, String sourceId, @Body Map<String, String> form) {
        return access.form(request, sourceId, form, (session, source) -> {
            Map<String, Map<String, String>> requested = new LinkedHashMap<>();
            Map<String, String> sent = new LinkedHashMap<>();
            for (Map.Entry<String, String> field : form.entrySet()) {
                int dot = field.getKey().indexOf('.');
                if (dot <= 0 || field.getKey().startsWith("_")) {
                    continue;
                }
                sent.put(field.getKey(), field.getValue());
                requested.computeIfAbsent(field.getKey().substring(0, dot), e -> new LinkedHashMap<>())
                        .put(field.getKey().substring(dot + 1), field.getValue());
            }
            DataRequirements requirements;
            try {
                Forms.check(form);
                requirements = DataRequirementRules.check(requested);
            } catch (InvalidSettingException e) {
                return page(session, source, sent, Map.of(e.field(), e.getMessage()), HttpStatus.BAD_REQUEST, null);
            }
            tenants.saveDataRequirements(source.id(), requirements, session.actor());
            return Pages.seeOther("/console/sources/" + source.id() + "?notice=requirements");
        });
    }

    private HttpResponse<String> page(Session session, Source source, Map<String, String> sent, Map<String, String> errors,
                                      HttpStatus status, String notice) {
        ZoneId zone = access.zone(source);
        List<Run> last = runs.forSource(source.id(), CHARTED_RUNS);
        List<SourcePage.RunRow> rows = last.stream().map(r -> new SourcePage.RunRow(r.id(), r.status().name(),
                Dashboard.when(r.createdAt(), zone), RunChart.imported(r), RunChart.issues(r))).toList();
        DataRequirements stored = tenants.dataRequirements(source.id()).orElse(DataRequirements.DEFAULTS);
        return pages.render(status, "console/source.jte", new SourcePage(Frame.of(source.name(), session),
                access.header(source, "overview", notice), RunChart.of(last, zone), rows,
                DataRequirementRules.describe(stored), sent, errors, SettingChanges.of(audit.forSource(source.id(),
                SettingChangesController.RECENT + 1, null), SettingChangesController.RECENT, false,
                "/console/sources/" + source.id() + "/changes")));
    }

    private static String notice(String notice) {
        return "requirements".equals(notice) ? "Saved: the next run applies these data requirements." : null;
    }
}
