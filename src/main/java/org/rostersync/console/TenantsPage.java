package org.rostersync.console;

import java.util.List;
import java.util.UUID;

/**
 * Every tenant, for admins, with a form to add one.
 *
 * @param form the new-tenant form as it came back after a refusal, else empty
 */
public record TenantsPage(Frame frame, List<Row> tenants, FormState form) {

    public TenantsPage {
        tenants = List.copyOf(tenants);
    }

    /** A tenant and how many sources feed it. */
    public record Row(UUID id, String name, int sources) {
    }
}
