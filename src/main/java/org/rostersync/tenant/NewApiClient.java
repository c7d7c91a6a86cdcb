package org.rostersync.tenant;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A freshly created API client: the only time its secret is ever shown. */
@Serdeable
public record NewApiClient(String clientId, String clientSecret, UUID tenantId, String name, List<String> scopes,
                           List<UUID> sourceIds, List<String> schoolSourcedIds, Instant createdAt) {

    static NewApiClient of(ApiClient client, String secret) {
        return new NewApiClient(client.clientId(), secret, client.tenantId(), client.name(), client.scopes(), client.sourceIds(),
                client.schoolSourcedIds(), client.createdAt());
    }
}
