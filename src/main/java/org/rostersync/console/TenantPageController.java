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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.rostersync.tenant.InvalidSettingException;
import org.rostersync.tenant.Tenant;
import org.rostersync.tenant.TenantService;
import org.rostersync.tenant.UsernameTakenException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tenant's page and its add-a-source form. Admins reach every tenant; a tenant operator its own, where it may add
 * sources as well: district staff set up the feeds of their own district.
 */
@Controller("/console/tenants/{tenantId}")
@ExecuteOn(TaskExecutors.BLOCKING)
class TenantPageController {

    private static final Map<String, String> NOTICES = Map.of(
            "tenant-added", "Tenant added: add its sources (one per SIS feed) and the API clients of the apps that read it.",
            "source-added", "Source added: its SFTP login works now. Open it to set its delivery, schedule and notifications.",
            "revoked", "API client revoked: its secret and every token it was given are refused from now on.");

    private final TenantService tenants;
    private final TenantAccess access;
    private final TenantPages pages;

    TenantPageController(TenantService tenants, TenantAccess access, TenantPages pages) {
        this.tenants = tenants;
        this.access = access;
        this.pages = pages;
    }

    @Get
    HttpResponse<?> show(HttpRequest<?> request, String tenantId, @Nullable @QueryValue String clientId,
                         @Nullable @QueryValue String notice) {
        return access.page(request, tenantId, (session, tenant) -> pages.shown(session, tenant, clientId,
                notice == null ? null : NOTICES.get(notice)));
    }

    @Post(uri = "/sources", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> addSource(HttpRequest<?> request, String tenantId, @Body Map<String, String> form) {
        return access.form(request, tenantId, form, (session, tenant) -> {
            try {
                Forms.check(form);
                NewSourceForm checked = NewSourceForm.of(form);
                tenants.createSource(tenant.id(), checked.name(), checked.sftpUsername(), checked.sftpPassword(),
                        session.actor());
            } catch (InvalidSettingException e) {
                return refused(session, tenant, FormState.refused(withoutPassword(form), e));
            } catch (UsernameTakenException e) {
                return refused(session, tenant, FormState.refused(withoutPassword(form), "sftpUsername", e.getMessage()));
            }
            return Pages.seeOther("/console/tenants/" + tenant.id() + "?notice=source-added");
        });
    }

    private HttpResponse<?> refused(Session session, Tenant tenant, FormState form) {
        return pages.render(session, tenant, HttpStatus.BAD_REQUEST, null, form, FormState.STORED, null, null);
    }

    /** A password is not echoed back into the page. */
    private static Map<String, String> withoutPassword(Map<String, String> form) {
        Map<String, String> kept = new LinkedHashMap<>(form);
        kept.remove("sftpPassword");
        return kept;
    }
}
