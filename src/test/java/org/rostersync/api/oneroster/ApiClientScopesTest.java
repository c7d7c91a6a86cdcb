package org.rostersync.api.oneroster;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The scope matrix: clients holding each set of scopes, on each kind of endpoint, through HTTP Basic and a bearer
 * token. Demographics need roster-demographics.readonly or roster.readonly; the rest roster-core.readonly or
 * roster.readonly.
 */
@ExtendWith(RunningApp.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiClientScopesTest {

    private static final Map<String, List<String>> SCOPE_SETS = Map.of(
            "core", List.of(ClientAccess.ROSTER_CORE),
            "roster", List.of(ClientAccess.ROSTER),
            "demographics", List.of(ClientAccess.ROSTER_DEMOGRAPHICS),
            "core+demographics", List.of(ClientAccess.ROSTER_CORE, ClientAccess.ROSTER_DEMOGRAPHICS));
    private static final List<String> CORE_PATHS = List.of("/users", "/users/stu-001", "/orgs", "/orgs/org-district", "/classes",
            "/classes/cls-lin-g3-hr", "/enrollments");
    private static final List<String> DEMOGRAPHICS_PATHS = List.of("/demographics", "/demographics/stu-001");

    private final Map<String, String[]> clients = new HashMap<>();

    @BeforeAll
    void clientsOfEachScopeSet(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Scopes district");
        f.deliver(Fixture.SAMPLE);
        assertEquals("succeeded", f.run().get("status"));
        SCOPE_SETS.forEach((name, scopes) -> {
            RunningApp.Response r = app.adminPost("/api/tenants/" + f.tenantId() + "/api-clients",
                    "{\"name\":\"" + name + "\",\"scopes\":[\"" + String.join("\",\"", scopes) + "\"]}");
            assertEquals(201, r.status(), r.toString());
            clients.put(name, new String[]{(String) r.map().get("clientId"), (String) r.map().get("clientSecret")});
        });
    }

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        SCOPE_SETS.forEach((name, scopes) -> {
            boolean core = scopes.contains(ClientAccess.ROSTER_CORE) || scopes.contains(ClientAccess.ROSTER);
            boolean demographics = scopes.contains(ClientAccess.ROSTER_DEMOGRAPHICS) || scopes.contains(ClientAccess.ROSTER);
            CORE_PATHS.forEach(p -> out.add(Arguments.of(name, p, core)));
            DEMOGRAPHICS_PATHS.forEach(p -> out.add(Arguments.of(name, p, demographics)));
        });
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on {1}: allowed {2}")
    @MethodSource("matrix")
    void eachScopeSetReachesExactlyItsEndpoints(String scopeSet, String path, boolean allowed, RunningApp.App app) {
        String[] client = clients.get(scopeSet);
        RunningApp.Response basic = app.get("/ims/oneroster/v1p1" + path, client[0], client[1]);
        RunningApp.Response bearer = Calls.bearer(app, path, Calls.token(app, client[0], client[1]));
        for (RunningApp.Response r : List.of(basic, bearer)) {
            if (!allowed) {
                assertEquals(403, r.status(), r.toString());
                assertEquals("forbidden", OAuth2TokensTest.codeMinor(r));
            } else if (DEMOGRAPHICS_PATHS.contains(path)) {
                // the demographics endpoints are the query work's: here only the scope check is held
                assertNotEquals(403, r.status(), r.toString());
                assertNotEquals(401, r.status(), r.toString());
            } else {
                assertEquals(200, r.status(), r.toString());
            }
        }
    }

    @org.junit.jupiter.api.Test
    void scopesAreMatchedOnThePathNotOnLookalikes() {
        assertEquals(Set.of(ClientAccess.ROSTER_DEMOGRAPHICS, ClientAccess.ROSTER), Scopes.required("/ims/oneroster/v1p1/demographics"));
        assertEquals(Set.of(ClientAccess.ROSTER_DEMOGRAPHICS, ClientAccess.ROSTER), Scopes.required("/ims/oneroster/v1p1/demographics/x"));
        assertEquals(Set.of(ClientAccess.ROSTER_CORE, ClientAccess.ROSTER), Scopes.required("/ims/oneroster/v1p1/demographicsx"));
        assertEquals(Set.of(ClientAccess.ROSTER_CORE, ClientAccess.ROSTER), Scopes.required("/ims/oneroster/v1p1/users"));
    }
}
