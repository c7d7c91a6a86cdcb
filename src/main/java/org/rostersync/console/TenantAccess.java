package org.rostersync.console;

import jakarta.inject.Singleton;
import org.rostersync.tenant.Tenant;
import org.rostersync.tenant.TenantService;

import java.util.Optional;
import java.util.UUID;

/** Whether an operator may see a tenant: its page and every form on it go through here (see {@link Reach}). */
@Singleton
class TenantAccess extends Reach<Tenant> {

    private final TenantService tenants;

    TenantAccess(TenantService tenants, Pages pages) {
        super(pages, "tenant");
        this.tenants = tenants;
    }

    @Override
    Optional<Tenant> find(UUID id) {
        return tenants.tenant(id);
    }

    @Override
    boolean sees(Session session, Tenant tenant) {
        return session.operator().sees(tenant.id());
    }
}
