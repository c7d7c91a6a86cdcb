package org.rostersync.api.oneroster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;
import org.rostersync.tenant.ApiClient;
import org.rostersync.tenant.TenantService;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The ClientAccess the queries confine themselves by comes from the client's stored row, narrowed by its token. */
@ExtendWith(RunningApp.class)
class ApiClientAccessTest {

    @Test
    void aConfinedClientsAccessCarriesItsSourcesSchoolsAndTheScopesBothItAndItsTokenHold(RunningApp.App app) throws Exception {
        Fixture f = Fixture.create(app, "Access district");
        RunningApp.Response r = app.adminPost("/api/tenants/" + f.tenantId() + "/api-clients", "{\"scopes\":[\""
                + ClientAccess.ROSTER_CORE + "\",\"" + ClientAccess.ROSTER_DEMOGRAPHICS + "\"],\"sourceIds\":[\"" + f.sourceId()
                + "\"],\"schoolSourcedIds\":[\"org-sch-muir\"]}");
        assertEquals(201, r.status(), r.toString());
        Map<String, Object> made = r.map();
        ApiClient client = app.context().getBean(TenantService.class)
                .authenticateApiClient((String) made.get("clientId"), (String) made.get("clientSecret")).orElseThrow();

        ClientAccess whole = ClientAccesses.of(client, null);
        assertEquals(new ClientAccess((String) made.get("clientId"), f.tenantId(),
                Set.of(ClientAccess.ROSTER_CORE, ClientAccess.ROSTER_DEMOGRAPHICS), Set.of(f.sourceId()), Set.of("org-sch-muir")), whole);
        // a token of roster.readonly and roster-core.readonly keeps only what the client still holds
        assertEquals(Set.of(ClientAccess.ROSTER_CORE),
                ClientAccesses.of(client, Set.of(ClientAccess.ROSTER, ClientAccess.ROSTER_CORE)).scopes());
        assertEquals(Set.<UUID>of(f.sourceId()), ClientAccesses.of(client, Set.of(ClientAccess.ROSTER_CORE)).sourceIds());
    }
}
