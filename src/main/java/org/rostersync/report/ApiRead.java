package org.rostersync.report;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/**
 * One read through the OneRoster API, for the audit trail of personal data.
 *
 * @param at           when it was answered
 * @param method       the HTTP method
 * @param path         the path without the query
 * @param filter       the {@code filter} parameter, decoded; null without one
 * @param query        the whole query string, decoded; null without one
 * @param status       the HTTP status answered
 * @param rowsReturned how many records the answer held; null when it held none (an error)
 * @param address      the client's address
 */
@Serdeable
public record ApiRead(Instant at, UUID tenantId, String clientId, String method, String path, @Nullable String filter,
                      @Nullable String query, int status, @Nullable Integer rowsReturned, @Nullable String address) {
}
