package org.rostersync.api.admin;

import org.rostersync.operator.Operator;
import org.rostersync.tenant.Actor;

import java.util.UUID;

/**
 * Who calls the admin API, as {@link AdminAuthFilter} admitted it: the operator {@code admin} with HTTP Basic, or any
 * operator with one of its API tokens. Controllers take it as the request attribute {@link #ATTRIBUTE}.
 */
record Caller(Operator operator) {

    static final String ATTRIBUTE = "rostersync.api.caller";

    boolean isAdmin() {
        return operator.isAdmin();
    }

    /** Whether the caller may see what belongs to the tenant. */
    boolean sees(UUID tenantId) {
        return operator.sees(tenantId);
    }

    /** The caller as the author of a change, for the settings audit log. */
    Actor actor() {
        return new Actor(operator.username());
    }
}
