package org.rostersync.api.oneroster;

import com.zaxxer.hikari.HikariDataSource;
import oauth.signpost.signature.HmacSha256MessageSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A second instance on the first one's database and data directory, issuing tokens of two seconds
 * ({@code ROSTERSYNC_TOKEN_SECONDS}): the instances accept each other's tokens (one token.key), a token expires on
 * both, and a signed request replayed to the other instance is refused (one nonce table). The second instance's public
 * address is the first's, so it also holds that a signature over ROSTERSYNC_PUBLIC_URL is taken.
 */
@ExtendWith(RunningApp.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OAuthTwoInstancesTest {

    private Fixture f;
    private RunningApp.App second;

    @BeforeAll
    void secondInstance(RunningApp.App app) {
        f = Fixture.create(app, "Two instances district");
        f.deliver(Fixture.SAMPLE);
        assertEquals("succeeded", f.run().get("status"));
        second = RunningApp.startWith(Map.of("rostersync.db.url", ((HikariDataSource) app.context().getBean(DataSource.class)).getJdbcUrl(),
                "rostersync.db.user", "postgres",
                "rostersync.db.password", ((HikariDataSource) app.context().getBean(DataSource.class)).getPassword(), "rostersync.oauth.token-seconds", 2,
                // its public address is the first instance's, as two instances behind one balancer share one
                "rostersync.mail.public-url", app.baseUrl()), app.dataDir());
    }

    @AfterAll
    void close() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void aTokenOfTheOtherInstanceIsAcceptedUntilItExpires(RunningApp.App app) throws Exception {
        RunningApp.Response issued = Calls.postForm(second, "/oauth/token", "grant_type=client_credentials&client_id=" + f.clientId()
                + "&client_secret=" + f.clientSecret(), Map.of());
        assertEquals(200, issued.status(), issued.toString());
        assertEquals(2, ((Number) issued.map().get("expires_in")).intValue());
        String token = (String) issued.map().get("access_token");
        assertEquals(200, Calls.bearer(app, "/orgs", token).status(), "the first instance takes the second's token");
        assertEquals(200, Calls.bearer(second, "/orgs", token).status());

        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        RunningApp.Response r;
        do {
            Thread.sleep(250);
            r = Calls.bearer(app, "/orgs", token);
        } while (r.status() == 200 && Instant.now().isBefore(deadline));
        assertEquals(401, r.status(), "still accepted 10 s after its 2 s: " + r);
        assertTrue(r.header("WWW-Authenticate").contains("error=\"invalid_token\""));
        assertEquals(401, Calls.bearer(second, "/orgs", token).status());
    }

    @Test
    void aSignedRequestReplayedToTheOtherInstanceIsRefused(RunningApp.App app) throws Exception {
        OAuth1SignedRequestsTest.Consumer consumer = new OAuth1SignedRequestsTest.Consumer(f.clientId(), f.clientSecret(), null);
        consumer.setMessageSigner(new HmacSha256MessageSigner());
        // signed for the public address (the first instance's): the second instance, reached on its own port, matches
        // the signature through ROSTERSYNC_PUBLIC_URL, as an instance behind a balancer would
        OAuth1SignedRequestsTest.Request request = new OAuth1SignedRequestsTest.Request(app.baseUrl() + "/ims/oneroster/v1p1/orgs");
        consumer.sign(request);
        String authorization = request.getHeader("Authorization");
        RunningApp.Response first = Calls.get(second, second.baseUrl() + "/ims/oneroster/v1p1/orgs",
                Map.of("Authorization", authorization));
        assertEquals(200, first.status(), first.toString());
        RunningApp.Response replay = Calls.get(app, request.getRequestUrl(), Map.of("Authorization", authorization));
        assertEquals(401, replay.status(), replay.toString());
        assertTrue(replay.body().contains("replayed"), replay.body());
    }
}
