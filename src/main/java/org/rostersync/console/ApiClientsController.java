package org.rostersync.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.rostersync.tenant.InvalidSettingException;
import org.rostersync.tenant.NewApiClient;
import org.rostersync.tenant.TenantService;

import java.util.Map;

/**
 * A tenant's API clients, the credentials of the apps reading its OneRoster API: add one (its secret is shown in that
 * answer only), revoke one. A tenant operator may do both for its own tenant: district staff manage their apps.
 */
@Controller("/console/tenants/{tenantId}/api-clients")
@ExecuteOn(TaskExecutors.BLOCKING)
class ApiClientsController {

    private final TenantService tenants;
    private final TenantAccess access;
    private final TenantPages pages;

    ApiClientsController(TenantService tenants, TenantAccess access, TenantPages pages) {
        this.tenants = tenants;
        this.access = access;
        this.pages = pages;
    }

    /**
     * Answers with the tenant's page rather than a redirect: the secret must not travel in an address, and reloading
     * this answer makes another client rather than showing the secret twice.
     */
    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> add(HttpRequest<?> request, String tenantId, @Body Map<String, String> form) {
        return access.form(request, tenantId, form, (session, tenant) -> {
            NewApiClient created;
            try {
                Forms.check(form);
                created = tenants.createApiClient(tenant.id(), NewApiClientForm.settings(form), session.actor());
            } catch (InvalidSettingException e) {
                return pages.render(session, tenant, HttpStatus.BAD_REQUEST, null, FormState.STORED,
                        FormState.refused(form, NewApiClientForm.field(e), e.getMessage()), null, null);
            }
            return pages.render(session, tenant, HttpStatus.OK, null, FormState.STORED, FormState.STORED, created,
                    "API client added: copy its secret below now, it is not shown again.");
        });
    }

    @Post(uri = "/{clientId}/revoke", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> revoke(HttpRequest<?> request, String tenantId, String clientId, @Body Map<String, String> form) {
        return access.form(request, tenantId, form, (session, tenant) -> tenants.deleteApiClient(tenant.id(), clientId, session.actor())
                ? Pages.seeOther("/console/tenants/" + tenant.id() + "?notice=revoked")
                : access.missing(session, "This tenant has no API client " + clientId + "."));
    }
}
