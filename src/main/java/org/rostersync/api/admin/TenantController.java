package org.rostersync.api.admin;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;
import org.rostersync.tenant.ApiClient;
import org.rostersync.tenant.ApiClientSettings;
import org.rostersync.tenant.NewApiClient;
import org.rostersync.tenant.Source;
import org.rostersync.tenant.Tenant;
import org.rostersync.tenant.TenantService;

import java.util.List;
import java.util.UUID;

/** Tenants, their sources and their API clients. */
@Controller("/api/tenants")
@ExecuteOn(TaskExecutors.BLOCKING)
class TenantController {

    private final TenantService tenants;

    TenantController(TenantService tenants) {
        this.tenants = tenants;
    }

    @Post
    HttpResponse<Tenant> create(@Body @Valid Requests.CreateTenant body, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return HttpResponse.created(tenants.createTenant(body.name().trim(), caller.actor()));
    }

    /** Every tenant for an admin; a tenant operator's own. */
    @Get
    List<Tenant> list(@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return tenants.tenants().stream().filter(t -> caller.sees(t.id())).toList();
    }

    @Get("/{tenantId}")
    Tenant get(UUID tenantId) {
        return tenant(tenantId);
    }

    @Post("/{tenantId}/sources")
    HttpResponse<Source> createSource(UUID tenantId, @Body @Valid Requests.CreateSource body, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        tenant(tenantId);
        return HttpResponse.created(tenants.createSource(tenantId, body.name().trim(), body.sftp().username(), body.sftp().password(),
                caller.actor()));
    }

    @Get("/{tenantId}/sources")
    List<Source> sources(UUID tenantId) {
        tenant(tenantId);
        return tenants.sources(tenantId);
    }

    /** Makes an API client; an empty body gives it every scope and the whole tenant. The secret is answered this once. */
    @Post("/{tenantId}/api-clients")
    HttpResponse<NewApiClient> createApiClient(UUID tenantId, @Nullable @Body ApiClientSettings body, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        tenant(tenantId);
        return HttpResponse.created(tenants.createApiClient(tenantId, body == null ? ApiClientSettings.DEFAULTS : body,
                caller.actor()));
    }

    /** The tenant's API clients, never their secrets. */
    @Get("/{tenantId}/api-clients")
    List<ApiClient> apiClients(UUID tenantId) {
        tenant(tenantId);
        return tenants.apiClients(tenantId);
    }

    /** Deletes an API client: its secret, its signatures and the tokens it was given stop working at once. */
    @Delete("/{tenantId}/api-clients/{clientId}")
    HttpResponse<Void> deleteApiClient(UUID tenantId, String clientId, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        tenant(tenantId);
        if (!tenants.deleteApiClient(tenantId, clientId, caller.actor())) {
            throw new NotFoundException("API client", clientId);
        }
        return HttpResponse.noContent();
    }

    private Tenant tenant(UUID tenantId) {
        return tenants.tenant(tenantId).orElseThrow(() -> new NotFoundException("tenant", tenantId));
    }
}
