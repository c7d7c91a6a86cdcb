package org.rostersync.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.rostersync.tenant.Source;
import org.rostersync.tenant.TenantService;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The one place that decides whether an operator may see a source: every source page and form goes through it, so a
 * tenant operator reaching another tenant's source always gets the same 404 (and never learns that it exists).
 */
@Singleton
class SourceAccess {

    private final TenantService tenants;
    private final Pages pages;

    SourceAccess(TenantService tenants, Pages pages) {
        this.tenants = tenants;
        this.pages = pages;
    }

    /** What a page or form does once the source is known to be visible to the session's operator. */
    interface Action {
        HttpResponse<?> run(Session session, Source source) throws SQLException;
    }

    /** A page about a source: shown when the operator may see it, else 404. */
    HttpResponse<?> page(HttpRequest<?> request, String sourceId, Action action) throws SQLException {
        Session session = Requests.session(request);
        Optional<Source> source = visible(session, sourceId);
        return source.isEmpty() ? notFound(session, sourceId) : action.run(session, source.get());
    }

    /** A form about a source: the session's token first, then whether the operator may see the source, then the action. */
    HttpResponse<?> form(HttpRequest<?> request, String sourceId, Map<String, String> form, Action action) throws SQLException {
        Session session = Requests.session(request);
        if (!session.allows(form.get("_csrf"))) {
            return Forms.refused();
        }
        Optional<Source> source = visible(session, sourceId);
        return source.isEmpty() ? notFound(session, sourceId) : action.run(session, source.get());
    }

    /** The tenant's name, shown in a source page's breadcrumbs. */
    String tenantName(Source source) throws SQLException {
        return tenants.tenant(source.tenantId()).map(org.rostersync.tenant.Tenant::name).orElse("");
    }

    private Optional<Source> visible(Session session, String sourceId) throws SQLException {
        try {
            return tenants.source(UUID.fromString(sourceId)).filter(s -> session.operator().sees(s.tenantId()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private HttpResponse<String> notFound(Session session, String sourceId) {
        return pages.render(HttpStatus.NOT_FOUND, "console/missing.jte",
                new MissingPage(Frame.of("Not found", session), "There is no source " + sourceId + " that you can see."));
    }
}
