package org.rostersync.api.oneroster;

import org.rostersync.tenant.ApiClient;

import java.util.HashSet;
import java.util.Set;

/** The {@link ClientAccess} of an API client as it is stored now. */
final class ClientAccesses {

    private ClientAccesses() {
    }

    /** @param granted the scopes a token carries (they narrow the client's); null: all of the client's */
    static ClientAccess of(ApiClient client, Set<String> granted) {
        Set<String> scopes = new HashSet<>(client.scopes());
        if (granted != null) {
            // a client whose scopes were cut after the token was issued keeps only what it still holds
            scopes.retainAll(granted);
        }
        return new ClientAccess(client.clientId(), client.tenantId(), scopes, Set.copyOf(client.sourceIds()),
                Set.copyOf(client.schoolSourcedIds()));
    }
}
