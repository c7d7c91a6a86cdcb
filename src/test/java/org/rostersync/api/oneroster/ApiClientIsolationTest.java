package org.rostersync.api.oneroster;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import oauth.signpost.signature.HmacSha256MessageSigner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two tenants loaded with the same sample (the same sourcedIds), tenant B's with other names and addresses: whichever
 * way a client authenticates, it reads only its own tenant's values, by collection and by id.
 */
@ExtendWith(RunningApp.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiClientIsolationTest {

    private Fixture a;
    private Fixture b;

    @BeforeAll
    void twoTenants(RunningApp.App app) throws IOException {
        a = Fixture.create(app, "Isolation A");
        a.deliver(Fixture.SAMPLE);
        assertEquals("succeeded", a.run().get("status"));
        b = Fixture.create(app, "Isolation B");
        b.deliver(Fixture.SAMPLE);
        for (String file : List.of("users.csv", "orgs.csv")) {
            b.deliver(file, Files.readString(Fixture.SAMPLE.resolve(file)).replace("riverside", "bayside")
                    .replace("Riverside", "Bayside").replace("Zoë", "Zoe-B"));
        }
        assertEquals("succeeded", b.run().get("status"));
    }

    @Test
    void eachTenantsClientReadsOnlyItsOwnValuesWhicheverWayItAuthenticates(RunningApp.App app) throws Exception {
        for (Fixture own : List.of(a, b)) {
            String mine = own == a ? "riverside" : "bayside";
            String theirs = own == a ? "bayside" : "riverside";
            String token = Calls.token(app, own.clientId(), own.clientSecret());
            List<Function<String, RunningApp.Response>> ways = List.of(
                    path -> app.get("/ims/oneroster/v1p1" + path, own.clientId(), own.clientSecret()),
                    path -> Calls.bearer(app, path, token),
                    path -> signed(app, own, path));
            for (Function<String, RunningApp.Response> way : ways) {
                for (String path : List.of("/users?limit=1000", "/orgs", "/users/stu-001", "/users/tch-001", "/orgs/org-district")) {
                    RunningApp.Response r = way.apply(path);
                    assertEquals(200, r.status(), path + " " + r);
                    String body = r.body().toLowerCase();
                    assertTrue(body.contains(mine), own + " " + path + " " + r);
                    assertFalse(body.contains(theirs), own + " " + path + " reads the other tenant: " + r);
                }
                RunningApp.Response zoe = way.apply("/users/stu-001");
                assertEquals(own == a ? "Zoë" : "Zoe-B", ((Map<?, ?>) zoe.map().get("user")).get("givenName"));
            }
        }
    }

    @Test
    void aTokenNamingAnotherTenantThanItsClientsIsRefusedEvenWithTheRightKey(RunningApp.App app) throws Exception {
        byte[] key = Base64.getDecoder().decode(Files.readString(app.dataDir().resolve("token.key")).strip());
        Instant now = Instant.now();
        for (String[] claim : List.of(new String[]{b.clientId(), a.tenantId().toString()},
                new String[]{a.clientId(), b.tenantId().toString()})) {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject(claim[0])
                    .claim("tenant", claim[1]).claim("scope", ClientAccess.ROSTER).issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plusSeconds(60))).jwtID("forged").build());
            jwt.sign(new MACSigner(key));
            RunningApp.Response r = Calls.bearer(app, "/users/stu-001", jwt.serialize());
            assertEquals(401, r.status(), r.toString());
        }
    }

    @Test
    void aSignatureWithAnotherTenantsKeyButOwnSecretIsRefused(RunningApp.App app) throws Exception {
        // B's id with A's secret: the secret is the key, so the signature cannot match
        OAuth1SignedRequestsTest.Consumer consumer = new OAuth1SignedRequestsTest.Consumer(b.clientId(), a.clientSecret(), null);
        consumer.setMessageSigner(new HmacSha256MessageSigner());
        OAuth1SignedRequestsTest.Request request = new OAuth1SignedRequestsTest.Request(app.baseUrl() + "/ims/oneroster/v1p1/users");
        consumer.sign(request);
        RunningApp.Response r = Calls.get(app, request.getRequestUrl(), Map.of("Authorization", request.getHeader("Authorization")));
        assertEquals(401, r.status(), r.toString());
    }

    private static RunningApp.Response signed(RunningApp.App app, Fixture own, String path) {
        try {
            OAuth1SignedRequestsTest.Consumer consumer = new OAuth1SignedRequestsTest.Consumer(own.clientId(), own.clientSecret(), null);
            consumer.setMessageSigner(new HmacSha256MessageSigner());
            OAuth1SignedRequestsTest.Request request = new OAuth1SignedRequestsTest.Request(app.baseUrl() + "/ims/oneroster/v1p1" + path);
            consumer.sign(request);
            return Calls.get(app, request.getRequestUrl(), Map.of("Authorization", request.getHeader("Authorization")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
