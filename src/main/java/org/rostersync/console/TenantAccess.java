package org.rostersync.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.rostersync.tenant.Tenant;
import org.rostersync.tenant.TenantService;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The one place that decides whether an operator may see a tenant: its page and every form on it go through here, so a
 * tenant operator reaching another tenant gets the same 404 as for a tenant that does not exist.
 */
@Singleton
class TenantAccess {

    private final TenantService tenants;
    private final Pages pages;

    TenantAccess(TenantService tenants, Pages pages) {
        this.tenants = tenants;
        this.pages = pages;
    }

    /** What a page or form does once the tenant is known to be visible to the session's operator. */
    interface Action {
        HttpResponse<?> run(Session session, Tenant tenant) throws SQLException;
    }

    /** The tenant's page: shown when the operator may see the tenant, else 404. */
    HttpResponse<?> page(HttpRequest<?> request, String tenantId, Action action) throws SQLException {
        Session session = Requests.session(request);
        Optional<Tenant> tenant = visible(session, tenantId);
        return tenant.isEmpty() ? notFound(session, "There is no tenant " + tenantId + " that you can see.") : action.run(session, tenant.get());
    }

    /** A form about a tenant: the session's token first, then whether the operator may see the tenant, then the action. */
    HttpResponse<?> form(HttpRequest<?> request, String tenantId, Map<String, String> form, Action action) throws SQLException {
        Session session = Requests.session(request);
        if (!session.allows(form.get("_csrf"))) {
            return Forms.refused();
        }
        Optional<Tenant> tenant = visible(session, tenantId);
        return tenant.isEmpty() ? notFound(session, "There is no tenant " + tenantId + " that you can see.") : action.run(session, tenant.get());
    }

    private Optional<Tenant> visible(Session session, String tenantId) throws SQLException {
        try {
            return tenants.tenant(UUID.fromString(tenantId)).filter(t -> session.operator().sees(t.id()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The same 404 as every console page's, saying what was not found. */
    HttpResponse<String> notFound(Session session, String message) {
        return pages.render(HttpStatus.NOT_FOUND, "console/missing.jte", new MissingPage(Frame.of("Not found", session), message));
    }
}
