package org.rostersync.tenant;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An API client as operators see it (never its secret): the scopes it may be granted and the part of its tenant it may
 * read; empty {@code sourceIds} or {@code schoolSourcedIds} mean all of them.
 */
@Serdeable
public record ApiClient(String clientId, UUID tenantId, String name, List<String> scopes, List<UUID> sourceIds,
                        List<String> schoolSourcedIds, Instant createdAt) {

    public static final String SCOPE_PREFIX = "https://purl.imsglobal.org/spec/or/v1p1/scope/";
    /** The OneRoster 1.1 rostering scopes a client can hold; a client made without naming any holds all of them. */
    public static final List<String> SCOPES = List.of(SCOPE_PREFIX + "roster-core.readonly", SCOPE_PREFIX + "roster.readonly",
            SCOPE_PREFIX + "roster-demographics.readonly");

    public ApiClient {
        scopes = List.copyOf(scopes);
        sourceIds = List.copyOf(sourceIds);
        schoolSourcedIds = List.copyOf(schoolSourcedIds);
    }
}
