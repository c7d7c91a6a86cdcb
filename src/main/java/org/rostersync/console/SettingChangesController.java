package org.rostersync.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.rostersync.tenant.SettingsAudit;

/** The settings audit log of a source and of a tenant, a page at a time: who changed what, when, before and after. */
@Controller("/console")
@ExecuteOn(TaskExecutors.BLOCKING)
class SettingChangesController {

    static final int PAGE = 50;
    /** How many the source's and the tenant's own pages show, with a link to the rest. */
    static final int RECENT = 10;

    private final SettingsAudit audit;
    private final SourceAccess sources;
    private final TenantAccess tenants;
    private final Pages pages;

    SettingChangesController(SettingsAudit audit, SourceAccess sources, TenantAccess tenants, Pages pages) {
        this.audit = audit;
        this.sources = sources;
        this.tenants = tenants;
        this.pages = pages;
    }

    @Get("/sources/{sourceId}/changes")
    HttpResponse<?> source(HttpRequest<?> request, String sourceId, @Nullable @QueryValue Long before) {
        return sources.page(request, sourceId, (session, source) -> {
            String href = "/console/sources/" + source.id() + "/changes";
            return pages.render("console/changes.jte", new SettingChangesPage(Frame.of(source.name() + ": changes", session),
                    sources.header(source, "changes", null), null, null,
                    SettingChanges.of(audit.forSource(source.id(), PAGE + 1, before), PAGE, false, href)));
        });
    }

    @Get("/tenants/{tenantId}/changes")
    HttpResponse<?> tenant(HttpRequest<?> request, String tenantId, @Nullable @QueryValue Long before) {
        return tenants.page(request, tenantId, (session, tenant) -> {
            String href = "/console/tenants/" + tenant.id() + "/changes";
            return pages.render("console/changes.jte", new SettingChangesPage(Frame.of(tenant.name() + ": changes", session), null,
                    tenant.name(), "/console/tenants/" + tenant.id(),
                    SettingChanges.of(audit.forTenant(tenant.id(), PAGE + 1, before), PAGE, true, href)));
        });
    }
}
