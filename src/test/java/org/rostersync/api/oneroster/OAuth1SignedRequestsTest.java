package org.rostersync.api.oneroster;

import oauth.signpost.AbstractOAuthConsumer;
import oauth.signpost.http.HttpRequest;
import oauth.signpost.signature.HmacSha1MessageSigner;
import oauth.signpost.signature.HmacSha256MessageSigner;
import oauth.signpost.signature.OAuthMessageSigner;
import oauth.signpost.signature.QueryStringSigningStrategy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests signed by an OAuth 1.0a client library of others (Signpost), as OneRoster 1.1 clients sign them: the key
 * and secret of an API client, no token.
 */
@ExtendWith(RunningApp.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OAuth1SignedRequestsTest {

    private Fixture f;

    @BeforeAll
    void importSample(RunningApp.App app) {
        f = Fixture.create(app, "OAuth 1.0a district");
        f.deliver(Fixture.SAMPLE);
        assertEquals("succeeded", f.run().get("status"));
    }

    @Test
    void hmacSha256SignedRequestReadsTheRoster(RunningApp.App app) throws Exception {
        Signed signed = sign(app, "/users/stu-001", new HmacSha256MessageSigner(), f.clientSecret(), null);
        assertTrue(signed.authorization().contains("oauth_signature_method=\"HMAC-SHA256\""), signed.authorization());
        RunningApp.Response r = signed.send(app);
        assertEquals(200, r.status(), r.toString());
        assertEquals("Zoë", ((Map<?, ?>) r.map().get("user")).get("givenName"));
    }

    @Test
    void hmacSha1SignedRequestWithQueryParametersReadsTheRoster(RunningApp.App app) throws Exception {
        Signed signed = sign(app, "/users?limit=5&offset=10", new HmacSha1MessageSigner(), f.clientSecret(), null);
        assertTrue(signed.authorization().contains("oauth_signature_method=\"HMAC-SHA1\""), signed.authorization());
        RunningApp.Response r = signed.send(app);
        assertEquals(200, r.status(), r.toString());
        assertEquals(5, ((List<?>) r.map().get("users")).size());
    }

    @Test
    void aSignedQueryParameterChangedAfterSigningIsRefused(RunningApp.App app) throws Exception {
        Signed signed = sign(app, "/users?limit=5", new HmacSha256MessageSigner(), f.clientSecret(), null);
        RunningApp.Response r = new Signed(signed.url().replace("limit=5", "limit=6"), signed.authorization()).send(app);
        assertEquals(401, r.status(), r.toString());
    }

    @Test
    void parametersSignedIntoTheQueryStringAreAcceptedToo(RunningApp.App app) throws Exception {
        Consumer consumer = new Consumer(f.clientId(), f.clientSecret(), null);
        consumer.setMessageSigner(new HmacSha256MessageSigner());
        consumer.setSigningStrategy(new QueryStringSigningStrategy());
        String url = consumer.sign(app.baseUrl() + "/ims/oneroster/v1p1/orgs");
        assertTrue(url.contains("oauth_signature="), url);
        RunningApp.Response r = Calls.get(app, url, Map.of());
        assertEquals(200, r.status(), r.toString());
    }

    @Test
    void aReplayedNonceIsRefused(RunningApp.App app) throws Exception {
        Signed signed = sign(app, "/orgs", new HmacSha256MessageSigner(), f.clientSecret(), null);
        assertEquals(200, signed.send(app).status());
        RunningApp.Response replay = signed.send(app);
        assertEquals(401, replay.status(), replay.toString());
        assertTrue(replay.body().contains("replayed"), replay.body());
        assertTrue(replay.header("WWW-Authenticate").startsWith("OAuth"), replay.toString());
    }

    @Test
    void aTimestampOutsideTheWindowIsRefusedEitherWay(RunningApp.App app) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        // 30 s past the window's edges: the server reads its own clock a moment later, in whole seconds too
        for (long timestamp : new long[]{now - 330, now + 330}) {
            RunningApp.Response r = sign(app, "/orgs", new HmacSha256MessageSigner(), f.clientSecret(), timestamp).send(app);
            assertEquals(401, r.status(), r.toString());
            assertTrue(r.body().contains("oauth_timestamp"), r.body());
        }
        RunningApp.Response inside = sign(app, "/orgs", new HmacSha256MessageSigner(), f.clientSecret(), now - 200).send(app);
        assertEquals(200, inside.status(), inside.toString());
    }

    @Test
    void aSignatureMadeWithAnotherSecretIsRefused(RunningApp.App app) throws Exception {
        for (OAuthMessageSigner signer : List.of(new HmacSha256MessageSigner(), new HmacSha1MessageSigner())) {
            RunningApp.Response r = sign(app, "/orgs", signer, f.clientSecret() + "x", null).send(app);
            assertEquals(401, r.status(), r.toString());
            assertEquals("unauthorized", ((Map<?, ?>) ((List<?>) r.map().get("statusInfoSet")).get(0)).get("imsx_codeMinor"));
        }
    }

    @Test
    void aDeletedClientsSignaturesAreRefused(RunningApp.App app) throws Exception {
        Map<String, Object> client = app.adminPost("/api/tenants/" + f.tenantId() + "/api-clients", "{}").map();
        String id = (String) client.get("clientId");
        String secret = (String) client.get("clientSecret");
        assertEquals(200, sign(app, "/orgs", new HmacSha256MessageSigner(), secret, null, id).send(app).status());
        assertEquals(204, deleteClient(app, f.tenantId().toString(), id));
        RunningApp.Response r = sign(app, "/orgs", new HmacSha256MessageSigner(), secret, null, id).send(app);
        assertEquals(401, r.status(), r.toString());
    }

    static int deleteClient(RunningApp.App app, String tenantId, String clientId) {
        try {
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.baseUrl()
                            + "/api/tenants/" + tenantId + "/api-clients/" + clientId)).DELETE()
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                            ("admin:" + RunningApp.ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8))).build();
            return java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private Signed sign(RunningApp.App app, String path, OAuthMessageSigner signer, String secret, Long timestamp) throws Exception {
        return sign(app, path, signer, secret, timestamp, f.clientId());
    }

    private static Signed sign(RunningApp.App app, String path, OAuthMessageSigner signer, String secret, Long timestamp,
                               String clientId) throws Exception {
        Consumer consumer = new Consumer(clientId, secret, timestamp);
        consumer.setMessageSigner(signer);
        Request request = new Request(app.baseUrl() + "/ims/oneroster/v1p1" + path);
        consumer.sign(request);
        return new Signed(request.getRequestUrl(), request.getHeader("Authorization"));
    }

    /** A signed GET: the URL and the Authorization header Signpost made for it. */
    record Signed(String url, String authorization) {
        RunningApp.Response send(RunningApp.App app) {
            return Calls.get(app, url, Map.of("Authorization", authorization));
        }
    }

    /** Signpost's consumer over our own request record, so that the signed header can be read and sent again. */
    static final class Consumer extends AbstractOAuthConsumer {
        private final Long timestamp;

        Consumer(String key, String secret, Long timestamp) {
            super(key, secret);
            this.timestamp = timestamp;
        }

        @Override
        protected HttpRequest wrap(Object request) {
            return (HttpRequest) request;
        }

        @Override
        protected String generateTimestamp() {
            return timestamp == null ? super.generateTimestamp() : Long.toString(timestamp);
        }
    }

    /** A GET without a body, as Signpost sees it. */
    static final class Request implements HttpRequest {
        private String url;
        private final Map<String, String> headers = new HashMap<>();

        Request(String url) {
            this.url = url;
        }

        @Override public String getMethod() { return "GET"; }
        @Override public String getRequestUrl() { return url; }
        @Override public void setRequestUrl(String url) { this.url = url; }
        @Override public void setHeader(String name, String value) { headers.put(name, value); }
        @Override public String getHeader(String name) { return headers.get(name); }
        @Override public Map<String, String> getAllHeaders() { return headers; }
        @Override public InputStream getMessagePayload() { return null; }
        @Override public String getContentType() { return null; }
        @Override public Object unwrap() { return this; }
    }
}
