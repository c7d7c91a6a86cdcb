package org.rostersync.operator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.UUID;

/**
 * A person who runs rostersync: an admin sees every tenant, a tenant operator only {@code tenantId}'s.
 *
 * @param lockedUntil set while the account is locked after repeated failed logins
 */
@Serdeable
public record Operator(String username, String role, @Nullable UUID tenantId, @Nullable java.time.Instant lockedUntil) {

    public Role roleValue() {
        return Role.of(role);
    }

    public boolean isAdmin() {
        return roleValue() == Role.ADMIN;
    }

    /** Whether this operator may see what belongs to the tenant. */
    public boolean sees(UUID tenant) {
        return isAdmin() || tenant.equals(tenantId);
    }
}
