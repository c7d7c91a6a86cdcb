package org.rostersync.api.oneroster;

import java.util.Set;
import java.util.UUID;

/**
 * Who is reading through the OneRoster API and what it may see: set on the request by the authentication filter, read
 * by every query, never taken from the request's own parameters. Empty {@code sourceIds} or {@code schoolSourcedIds}
 * mean the whole tenant.
 *
 * @param clientId         the API client
 * @param tenantId         the only tenant whose rows it may read
 * @param scopes           the OAuth scopes granted (full scope URIs)
 * @param sourceIds        the sources of the tenant it is confined to; empty: all of them
 * @param schoolSourcedIds the schools it is confined to; empty: all of them
 */
public record ClientAccess(String clientId, UUID tenantId, Set<String> scopes, Set<UUID> sourceIds, Set<String> schoolSourcedIds) {

    /** The request attribute that holds it. */
    public static final String ATTRIBUTE = "rostersync.client-access";
    /** The request attribute the controller sets to the number of records it returned (for the audit trail). */
    public static final String ROWS_RETURNED = "rostersync.rows-returned";

    public static final String SCOPE_PREFIX = "https://purl.imsglobal.org/spec/or/v1p1/scope/";
    public static final String ROSTER_CORE = SCOPE_PREFIX + "roster-core.readonly";
    public static final String ROSTER = SCOPE_PREFIX + "roster.readonly";
    public static final String ROSTER_DEMOGRAPHICS = SCOPE_PREFIX + "roster-demographics.readonly";

    public ClientAccess {
        scopes = Set.copyOf(scopes);
        sourceIds = Set.copyOf(sourceIds);
        schoolSourcedIds = Set.copyOf(schoolSourcedIds);
    }

    /** A client of the tenant with every scope and no confinement. */
    public static ClientAccess wholeTenant(String clientId, UUID tenantId) {
        return new ClientAccess(clientId, tenantId, Set.of(ROSTER_CORE, ROSTER, ROSTER_DEMOGRAPHICS), Set.of(), Set.of());
    }
}
