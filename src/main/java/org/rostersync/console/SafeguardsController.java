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
import org.rostersync.tenant.InvalidSettingException;
import org.rostersync.tenant.Safeguards;
import org.rostersync.tenant.Source;
import org.rostersync.tenant.TenantService;

import java.util.Map;

/** A source's safeguards: how much a run may delete or change before it is held for an operator's decision. */
@Controller("/console/sources/{sourceId}/safeguards")
@ExecuteOn(TaskExecutors.BLOCKING)
class SafeguardsController {

    private final TenantService tenants;
    private final SourceAccess access;
    private final Pages pages;

    SafeguardsController(TenantService tenants, SourceAccess access, Pages pages) {
        this.tenants = tenants;
        this.access = access;
        this.pages = pages;
    }

    @Get
    HttpResponse<?> show(HttpRequest<?> request, String sourceId, @Nullable @QueryValue String saved) {
        return access.page(request, sourceId, (session, source) -> page(session, source, FormState.STORED, HttpStatus.OK,
                saved == null ? null : "Saved: the next run is held when it goes beyond these limits."));
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> save(HttpRequest<?> request, String sourceId, @Body Map<String, String> form) {
        return access.form(request, sourceId, form, (session, source) -> {
            Safeguards safeguards;
            try {
                safeguards = new Safeguards(
                        Forms.integer(form, "maxDeletedPercent", "The most deleted", 0, 100),
                        Forms.integer(form, "maxChangedPercent", "The most changed", 0, 100),
                        Forms.ticked(form, "neverDelete"));
            } catch (InvalidSettingException e) {
                return page(session, source, FormState.refused(form, e), HttpStatus.BAD_REQUEST, null);
            }
            tenants.saveSafeguards(source.id(), safeguards, session.actor());
            return Pages.seeOther("/console/sources/" + source.id() + "/safeguards?saved");
        });
    }

    private HttpResponse<String> page(Session session, Source source, FormState form, HttpStatus status, String notice) {
        Safeguards stored = tenants.safeguards(source.id()).orElse(Safeguards.DEFAULTS);
        return pages.render(status, "console/settings/safeguards.jte", new SafeguardsPage(Frame.of("Safeguards · " + source.name(),
                session), access.header(source, "safeguards", notice), stored, Safeguards.DEFAULTS, form));
    }
}
