package org.rostersync.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.rostersync.tenant.InvalidSettingException;
import org.rostersync.tenant.Tenant;
import org.rostersync.tenant.TenantService;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tenants: admins see every one and add them; a tenant operator, who has one tenant, is sent to its page (the list
 * would hold that one row only).
 */
@Controller("/console/tenants")
@ExecuteOn(TaskExecutors.BLOCKING)
class TenantsController {

    private final TenantService tenants;
    private final Pages pages;

    TenantsController(TenantService tenants, Pages pages) {
        this.tenants = tenants;
        this.pages = pages;
    }

    @Get
    HttpResponse<?> list(HttpRequest<?> request) {
        Session session = Requests.session(request);
        if (!session.operator().isAdmin()) {
            return session.operator().tenantId() == null ? notFound(session)
                    : Pages.seeOther("/console/tenants/" + session.operator().tenantId());
        }
        return page(session, FormState.STORED, HttpStatus.OK);
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> create(HttpRequest<?> request, @Body Map<String, String> form) {
        Session session = Requests.session(request);
        if (!session.allows(form.get("_csrf"))) {
            return Forms.refused();
        }
        if (!session.operator().isAdmin()) {
            return notFound(session);
        }
        String name;
        try {
            Forms.check(form);
            name = name(form);
        } catch (InvalidSettingException e) {
            return page(session, FormState.refused(form, e), HttpStatus.BAD_REQUEST);
        }
        Tenant tenant = tenants.createTenant(name, session.actor());
        return Pages.seeOther("/console/tenants/" + tenant.id() + "?notice=tenant-added");
    }

    /** The admin API's rule for a tenant's name: not blank, at most {@link Tenant#MAX_NAME} characters, stripped. */
    private static String name(Map<String, String> form) {
        String name = form.getOrDefault("name", "").strip();
        if (name.isEmpty()) {
            throw new InvalidSettingException("name", "Name: type the tenant's name, the district's for instance");
        }
        if (name.length() > Tenant.MAX_NAME) {
            throw new InvalidSettingException("name", "Name: at most " + Tenant.MAX_NAME + " characters, not " + name.length());
        }
        return name;
    }

    private HttpResponse<String> page(Session session, FormState form, HttpStatus status) {
        List<TenantsPage.Row> rows = new ArrayList<>();
        // one query per tenant: a deployment has a handful of districts, not thousands
        for (Tenant tenant : tenants.tenants()) {
            rows.add(new TenantsPage.Row(tenant.id(), tenant.name(), tenants.sources(tenant.id()).size()));
        }
        return pages.render(status, "console/tenants.jte", new TenantsPage(Frame.of("Tenants", session), rows, form));
    }

    private HttpResponse<String> notFound(Session session) {
        return pages.render(HttpStatus.NOT_FOUND, "console/missing.jte",
                new MissingPage(Frame.of("Not found", session), "This page is for admins."));
    }
}
