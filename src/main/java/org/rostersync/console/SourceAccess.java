package org.rostersync.console;

import io.micronaut.core.annotation.Nullable;
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
    private final Silences silences;

    SourceAccess(TenantService tenants, Silences silences, Pages pages) {
        super(pages, "source");
        this.tenants = tenants;
        this.silences = silences;
    }

    /** The top of one of the source's pages, warning when nobody hears of its runs. */
    SourceHeader header(Source source, String section, @Nullable String notice) {
        return SourceHeader.of(source, tenantName(source), section, notice, silences.ofSource(source.id()));
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
