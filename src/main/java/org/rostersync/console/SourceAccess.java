package org.rostersync.console;

import jakarta.inject.Singleton;
import org.rostersync.tenant.Schedule;
import org.rostersync.tenant.Source;
import org.rostersync.tenant.TenantService;

import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

/** Whether an operator may see a source: every source page and form goes through here (see {@link Reach}). */
@Singleton
class SourceAccess extends Reach<Source> {

    private final TenantService tenants;

    SourceAccess(TenantService tenants, Pages pages) {
        super(pages, "source");
        this.tenants = tenants;
    }

    @Override
    Optional<Source> find(UUID id) {
        return tenants.source(id);
    }

    @Override
    boolean sees(Session session, Source source) {
        return session.operator().sees(source.tenantId());
    }

    /** The source's time zone (its schedule's), in which its pages show times. */
    ZoneId zone(Source source) {
        return tenants.schedule(source.id()).map(Schedule::timeZone).orElse(ZoneId.of("UTC"));
    }

    /** The tenant's name, shown in a source page's breadcrumbs. */
    String tenantName(Source source) {
        return tenants.tenant(source.tenantId()).map(org.rostersync.tenant.Tenant::name).orElse("");
    }
}
