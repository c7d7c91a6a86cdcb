package org.rostersync.operator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rostersync.support.FromAddress;
import org.rostersync.support.RunningApp;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operators' one defence, over HTTP, for the console and the admin API alike: a guessing address is slowed, then
 * banned (even the right password is refused from it), while the operator keeps getting in from where it signed in
 * before. An application of its own, with small thresholds: the shared one never bans 127.0.0.1. Different client
 * addresses are different loopback addresses (127.0.0.2, 127.0.0.3, ...).
 */
class OperatorLoginDefenceTest {

    private static final int BAN_AFTER = 3;
    private static final int DELAY_MILLIS = 200;
    private static RunningApp.App app;

    @BeforeAll
    static void start() {
        app = RunningApp.startWith(Map.of(
                "rostersync.operator-login.lock-after-failures", 2,
                "rostersync.operator-login.ban-after-failures", BAN_AFTER,
                "rostersync.operator-login.ban-window-seconds", 900,
                "rostersync.operator-login.ban-seconds", 600,
                "rostersync.operator-login.failure-delay-millis", DELAY_MILLIS));
        // the real admin signs in from 127.0.0.1 first: the address it is known at
        assertEquals(200, app.adminGet("/api/tenants").status());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aGuessingLoopOnTheApiIsSlowedThenRefusedEvenTheRightPasswordWhileTheAdminGetsInFromElsewhere() {
        FromAddress guesser = new FromAddress(app, "127.0.0.2");
        for (int i = 1; i <= BAN_AFTER; i++) {
            long started = System.nanoTime();
            FromAddress.Answer wrong = guesser.get("/api/tenants", "admin", "guess number " + i);
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(401, wrong.status(), "guess " + i + ": " + wrong);
            assertTrue(tookMillis >= DELAY_MILLIS, "guess " + i + " was answered in " + tookMillis + " ms, not slowed");
        }
        FromAddress.Answer refused = guesser.get("/api/tenants", "admin", "guess number " + (BAN_AFTER + 1));
        assertEquals(429, refused.status(), "the address is banned: " + refused);
        assertNotNull(refused.header("Retry-After"), "says when to come back");
        assertTrue(Long.parseLong(refused.header("Retry-After")) > 500, refused.header("Retry-After"));

        assertEquals(429, guesser.get("/api/tenants", "admin", RunningApp.ADMIN_PASSWORD).status(),
                "the right password from the banned address");
        FromAddress.Answer console = guesser.signIn("admin", RunningApp.ADMIN_PASSWORD);
        assertEquals(429, console.status(), "the console shares the ban: " + console);
        assertTrue(console.body().contains("Too many failed sign-ins from your address"), console.body());

        assertEquals(200, new FromAddress(app, "127.0.0.1").get("/api/tenants", "admin", RunningApp.ADMIN_PASSWORD).status(),
                "the admin from where it signed in before");
        assertEquals(303, new FromAddress(app, "127.0.0.1").signIn("admin", RunningApp.ADMIN_PASSWORD).status(),
                "the admin's console sign-in from there");
    }

    @Test
    void aLockStrangersPutOnTheAdminHoldsOnTheApiForNewAddressesButNotWhereTheAdminSignedInBefore() {
        FromAddress stranger = new FromAddress(app, "127.0.0.3");
        for (int i = 1; i <= 2; i++) {
            assertEquals(401, stranger.signIn("admin", "console guess " + i).status());
        }
        FromAddress.Answer locked = stranger.signIn("admin", RunningApp.ADMIN_PASSWORD);
        assertEquals(401, locked.status(), "locked against the stranger");
        assertTrue(locked.body().contains("locked"), locked.body());

        FromAddress elsewhere = new FromAddress(app, "127.0.0.4");
        FromAddress.Answer api = elsewhere.get("/api/tenants", "admin", RunningApp.ADMIN_PASSWORD);
        assertEquals(401, api.status(), "the console's lock holds on the API from an address admin never used: " + api);
        assertTrue(api.body().contains("locked"), api.body());

        FromAddress known = new FromAddress(app, "127.0.0.1");
        assertEquals(200, known.get("/api/tenants", "admin", RunningApp.ADMIN_PASSWORD).status(),
                "strangers' failures do not lock the admin out of where it works from");
        assertEquals(303, known.signIn("admin", RunningApp.ADMIN_PASSWORD).status());
    }
}
