package org.rostersync.api.oneroster;

import oauth.signpost.signature.HmacSha256MessageSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Behind a TLS proxy, a client signs the URL it saw ({@code https://roster.example.org/...}) and the service receives
 * {@code http://127.0.0.1:port/...}: the proxy's {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} say which, and
 * count only from the proxies {@code ROSTERSYNC_TRUSTED_PROXIES} names (the tests' requests come from 127.0.0.1).
 */
@ExtendWith(RunningApp.class)
class OAuth1BehindProxyTest {

    private static final String SEEN = "https://roster.example.org";
    private static final Map<String, String> FORWARDED = Map.of("X-Forwarded-Proto", "https",
            "X-Forwarded-Host", "roster.example.org", "X-Forwarded-For", "203.0.113.9");

    @Test
    void aSignatureOverTheProxysAddressIsAcceptedFromATrustedProxyOnly(RunningApp.App shared) throws Exception {
        try (RunningApp.App behind = RunningApp.startWith(Map.of("rostersync.proxy.trusted-proxies", "10.9.0.0/16, 127.0.0.1"))) {
            Fixture f = Fixture.create(behind, "Behind a proxy district");
            RunningApp.Response through = signed(behind, f).send(behind, FORWARDED);
            assertEquals(200, through.status(), through.toString());
            assertEquals("max-age=31536000", through.header("Strict-Transport-Security"), "HTTPS at the proxy: HSTS");

            RunningApp.Response withoutHeaders = signed(behind, f).send(behind, Map.of());
            assertEquals(401, withoutHeaders.status(), "without the headers the request's own address is checked: "
                    + withoutHeaders);

            Fixture g = Fixture.create(shared, "No proxy district");
            RunningApp.Response untrusted = signed(shared, g).send(shared, FORWARDED);
            assertEquals(401, untrusted.status(), "from an address not trusted the headers count for nothing: " + untrusted);
            assertEquals(null, untrusted.header("Strict-Transport-Security"));
        }
    }

    @Test
    void aTrustedProxyThatIsNotAnAddressStopsStartupNamingTheSetting() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> RunningApp.startWith(Map.of("rostersync.proxy.trusted-proxies", "127.0.0.1, proxy.example.org")).close());
        StringBuilder said = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            said.append(t.getMessage()).append('\n');
        }
        assertTrue(said.toString().contains("ROSTERSYNC_TRUSTED_PROXIES") && said.toString().contains("proxy.example.org"),
                said.toString());
    }

    /** A request signed for the proxy's public address, to be sent to the service's own. */
    private static Request signed(RunningApp.App app, Fixture f) throws Exception {
        OAuth1SignedRequestsTest.Consumer consumer = new OAuth1SignedRequestsTest.Consumer(f.clientId(), f.clientSecret(), null);
        consumer.setMessageSigner(new HmacSha256MessageSigner());
        OAuth1SignedRequestsTest.Request request = new OAuth1SignedRequestsTest.Request(SEEN + "/ims/oneroster/v1p1/orgs");
        consumer.sign(request);
        return new Request(app.baseUrl() + "/ims/oneroster/v1p1/orgs", request.getHeader("Authorization"));
    }

    private record Request(String url, String authorization) {
        RunningApp.Response send(RunningApp.App app, Map<String, String> headers) {
            Map<String, String> all = new java.util.HashMap<>(headers);
            all.put("Authorization", authorization);
            return Calls.get(app, url, all);
        }
    }
}
