package org.rostersync.tenant;

import io.micronaut.serde.annotation.Serdeable;

/** A freshly created API client: the only time its secret is ever shown. */
@Serdeable
public record NewApiClient(String clientId, String clientSecret) {
}
