package org.rostersync.api.oneroster;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client credentials grant of /oauth/token and the bearer tokens it issues. */
@ExtendWith(RunningApp.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OAuth2TokensTest {

    private static final String CORE = ClientAccess.ROSTER_CORE;

    private Fixture f;

    @BeforeAll
    void importSample(RunningApp.App app) {
        f = Fixture.create(app, "OAuth 2 district");
        f.deliver(Fixture.SAMPLE);
        assertEquals("succeeded", f.run().get("status"));
    }

    @Test
    void aTokenIssuedForFormParametersReadsTheRosterAsABearer(RunningApp.App app) throws Exception {
        RunningApp.Response r = Calls.postForm(app, "/oauth/token", "grant_type=client_credentials&client_id=" + f.clientId()
                + "&client_secret=" + f.clientSecret(), Map.of());
        assertEquals(200, r.status(), r.toString());
        assertEquals("bearer", r.map().get("token_type"));
        assertEquals(3600, ((Number) r.map().get("expires_in")).intValue());
        assertEquals(String.join(" ", ClientAccess.ROSTER_CORE, ClientAccess.ROSTER, ClientAccess.ROSTER_DEMOGRAPHICS), r.map().get("scope"));
        assertEquals("no-store", r.header("Cache-Control"));
        String token = (String) r.map().get("access_token");

        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertEquals("HS256", SignedJWT.parse(token).getHeader().getAlgorithm().getName());
        assertEquals(f.clientId(), claims.getSubject());
        assertEquals(f.tenantId().toString(), claims.getStringClaim("tenant"));
        assertEquals(r.map().get("scope"), claims.getStringClaim("scope"));
        assertEquals(3600_000, claims.getExpirationTime().getTime() - claims.getIssueTime().getTime());
        assertNotNull(claims.getJWTID());

        RunningApp.Response users = Calls.bearer(app, "/users/stu-002", token);
        assertEquals(200, users.status(), users.toString());
        assertEquals("José", ((Map<?, ?>) users.map().get("user")).get("givenName"));
    }

    @Test
    void aTokenIssuedForHttpBasicReadsTheRoster(RunningApp.App app) {
        RunningApp.Response r = Calls.postForm(app, "/oauth/token", "grant_type=client_credentials", Map.of("Authorization",
                basic(f.clientId(), f.clientSecret())));
        assertEquals(200, r.status(), r.toString());
        assertEquals(200, Calls.bearer(app, "/orgs", (String) r.map().get("access_token")).status());
    }

    @Test
    void tokenRequestErrorsFollowRfc6749(RunningApp.App app) {
        String creds = "&client_id=" + f.clientId() + "&client_secret=" + f.clientSecret();
        assertError(app, "client_id=" + f.clientId() + "&client_secret=" + f.clientSecret(), Map.of(), 400, "invalid_request");
        assertError(app, "grant_type=password" + creds, Map.of(), 400, "unsupported_grant_type");
        assertError(app, "grant_type=client_credentials&client_id=" + f.clientId() + "&client_secret=wrong", Map.of(), 401,
                "invalid_client");
        assertError(app, "grant_type=client_credentials", Map.of(), 401, "invalid_client");
        assertError(app, "grant_type=client_credentials", Map.of("Authorization", basic(f.clientId(), "wrong")), 401, "invalid_client");
        assertError(app, "grant_type=client_credentials" + creds, Map.of("Authorization", basic(f.clientId(), f.clientSecret())), 400,
                "invalid_request");
        assertError(app, "grant_type=client_credentials&scope=https%3A%2F%2Fexample.org%2Fadmin" + creds, Map.of(), 400, "invalid_scope");

        RunningApp.Response json = app.post("/oauth/token", "{\"grant_type\":\"client_credentials\",\"client_id\":\"" + f.clientId()
                + "\",\"client_secret\":\"" + f.clientSecret() + "\"}", null, null);
        assertTrue(json.status() >= 400 && json.status() < 500, "the token endpoint takes only a form: " + json);

        Map<String, Object> coreOnly = client(app, "{\"scopes\":[\"" + CORE + "\"]}");
        assertError(app, "grant_type=client_credentials&scope=" + enc(ClientAccess.ROSTER_DEMOGRAPHICS) + "&client_id="
                + coreOnly.get("clientId") + "&client_secret=" + coreOnly.get("clientSecret"), Map.of(), 400, "invalid_scope");
    }

    @Test
    void aTokenNarrowedToRosterCoreCannotReadDemographics(RunningApp.App app) {
        RunningApp.Response r = Calls.postForm(app, "/oauth/token", "grant_type=client_credentials&scope=" + enc(CORE)
                + "&client_id=" + f.clientId() + "&client_secret=" + f.clientSecret(), Map.of());
        assertEquals(200, r.status(), r.toString());
        assertEquals(CORE, r.map().get("scope"));
        String token = (String) r.map().get("access_token");
        assertEquals(200, Calls.bearer(app, "/users", token).status());
        RunningApp.Response demographics = Calls.bearer(app, "/demographics", token);
        assertEquals(403, demographics.status(), demographics.toString());
        assertEquals("forbidden", codeMinor(demographics));
        // the same client with a token of all its scopes passes the scope check
        assertTrue(Calls.bearer(app, "/demographics", Calls.token(app, f.clientId(), f.clientSecret())).status() != 403);
    }

    @Test
    void expiredTamperedForeignKeyAndUnsignedTokensAre401InvalidToken(RunningApp.App app) throws Exception {
        String token = Calls.token(app, f.clientId(), f.clientSecret());
        byte[] ourKey = Base64.getDecoder().decode(Files.readString(app.dataDir().resolve("token.key")).strip());
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        Instant now = Instant.now();

        String expired = signed(ourKey, f.clientId(), f.tenantId().toString(), now.minusSeconds(3600), now.minusSeconds(1));
        String foreign = signed(otherKey, f.clientId(), f.tenantId().toString(), now, now.plusSeconds(3600));
        String[] parts = token.split("\\.");
        String otherTenant = f.tenantId().toString().replace(f.tenantId().toString().charAt(0), f.tenantId().toString().charAt(0) == 'a' ? 'b' : 'a');
        String tampered = parts[0] + "." + b64(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(f.tenantId().toString(), otherTenant)) + "." + parts[2];
        String unsigned = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        String noneSigned = b64("{\"alg\":\"none\"}") + "." + parts[1] + "." + parts[2];

        // the genuine token and one we sign with our own key and a later expiry pass: the refusals below are for their faults
        assertEquals(200, Calls.bearer(app, "/orgs", token).status());
        assertTrue(SignedJWT.parse(token).verify(new com.nimbusds.jose.crypto.MACVerifier(ourKey)), "the key file signs our tokens");
        assertEquals(200, Calls.bearer(app, "/orgs", signed(ourKey, f.clientId(), f.tenantId().toString(), now, now.plusSeconds(60))).status());
        for (String bad : List.of(expired, foreign, tampered, unsigned, noneSigned, "not-a-jwt", token + "x")) {
            RunningApp.Response r = Calls.bearer(app, "/orgs", bad);
            assertEquals(401, r.status(), bad + " " + r);
            assertTrue(r.header("WWW-Authenticate").startsWith("Bearer") && r.header("WWW-Authenticate").contains("error=\"invalid_token\""),
                    r.headers().toString());
            assertEquals("unauthorized", codeMinor(r));
        }
    }

    @Test
    void aRequestWithoutCredentialsIsToldTheThreeWaysIn(RunningApp.App app) {
        RunningApp.Response r = Calls.get(app, "/ims/oneroster/v1p1/users", Map.of());
        assertEquals(401, r.status(), r.toString());
        List<String> challenges = r.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("WWW-Authenticate"))
                .flatMap(e -> e.getValue().stream()).map(c -> c.split(" ")[0]).toList();
        assertEquals(List.of("Bearer", "OAuth", "Basic"), challenges);
        assertEquals("unauthorized", codeMinor(r));
    }

    @Test
    void aDeletedClientsTokenStopsWorkingAtOnce(RunningApp.App app) {
        Map<String, Object> client = client(app, null);
        String token = Calls.token(app, (String) client.get("clientId"), (String) client.get("clientSecret"));
        assertEquals(200, Calls.bearer(app, "/orgs", token).status());
        assertEquals(204, OAuth1SignedRequestsTest.deleteClient(app, f.tenantId().toString(), (String) client.get("clientId")));
        RunningApp.Response r = Calls.bearer(app, "/orgs", token);
        assertEquals(401, r.status(), r.toString());
        assertError(app, "grant_type=client_credentials&client_id=" + client.get("clientId") + "&client_secret="
                + client.get("clientSecret"), Map.of(), 401, "invalid_client");
    }

    private Map<String, Object> client(RunningApp.App app, String body) {
        RunningApp.Response r = app.adminPost("/api/tenants/" + f.tenantId() + "/api-clients", body);
        assertEquals(201, r.status(), r.toString());
        return r.map();
    }

    private static void assertError(RunningApp.App app, String form, Map<String, String> headers, int status, String error) {
        RunningApp.Response r = Calls.postForm(app, "/oauth/token", form, headers);
        assertEquals(status, r.status(), form + " " + r);
        assertEquals(error, r.map().get("error"), form + " " + r);
        assertNotNull(r.map().get("error_description"));
    }

    private static String signed(byte[] key, String clientId, String tenant, Instant issued, Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject(clientId)
                .claim("tenant", tenant).claim("scope", CORE).issueTime(Date.from(issued)).expirationTime(Date.from(expires))
                .jwtID("test").build());
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    static String codeMinor(RunningApp.Response r) {
        return (String) ((Map<?, ?>) ((List<?>) r.map().get("statusInfoSet")).get(0)).get("imsx_codeMinor");
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
