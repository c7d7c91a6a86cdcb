package org.rostersync.intake.sftp;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ban table is bounded: a flood of failed logins from ever new addresses (an IPv6 prefix holds more than anyone can
 * store) must not grow it past {@value LoginDefender#TRACKED} addresses. A unit test with a clock of its own: the
 * application would take hours of one-second failure delays to get there.
 */
class LoginDefenderTest {

    private final MutableClock clock = new MutableClock();

    @Test
    void pastTenThousandAddressesTheOneSilentLongestIsForgottenAndTheNewestRemembered() throws Exception {
        LoginDefender defender = new LoginDefender(new LoginDefender.Limits(2, Duration.ofDays(1), Duration.ofHours(1), 20, 500, 0),
                clock);
        InetAddress first = address(0);
        defender.failed(first);
        InetAddress last = null;
        for (int i = 1; i <= LoginDefender.TRACKED; i++) {
            clock.tick();
            last = address(i);
            defender.failed(last);
        }
        clock.tick();
        defender.failed(first); // its first failure was forgotten: this is its first again
        assertFalse(defender.banned(first), "the address silent longest was forgotten to make room");
        clock.tick();
        defender.failed(last);
        assertTrue(defender.banned(last), "the newest address's failure was remembered");
    }

    @Test
    void evenWhenEveryAddressIsBannedTheTableHoldsAtMostTenThousand() throws Exception {
        LoginDefender defender = new LoginDefender(new LoginDefender.Limits(1, Duration.ofDays(1), Duration.ofHours(1), 20, 500, 0),
                clock);
        List<InetAddress> addresses = new ArrayList<>();
        for (int i = 0; i < 2 * LoginDefender.TRACKED; i++) {
            clock.tick();
            InetAddress a = address(i);
            addresses.add(a);
            defender.failed(a); // one failure bans it
        }
        long remembered = addresses.stream().filter(defender::banned).count();
        assertTrue(remembered <= LoginDefender.TRACKED, remembered + " addresses remembered, over " + LoginDefender.TRACKED);
    }

    /** Distinct IPv6 addresses of one /64, as one attacker holds them. */
    private static InetAddress address(int i) throws UnknownHostException {
        byte[] bytes = new byte[16];
        bytes[0] = 0x20;
        bytes[1] = 0x01;
        bytes[2] = 0x0d;
        bytes[3] = (byte) 0xb8;
        bytes[12] = (byte) (i >>> 24);
        bytes[13] = (byte) (i >>> 16);
        bytes[14] = (byte) (i >>> 8);
        bytes[15] = (byte) i;
        return InetAddress.getByAddress(bytes);
    }

    /** A clock the test moves on, a millisecond at a time. */
    private static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-12-02T00:00:00Z");

        void tick() {
            now = now.plusMillis(1);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
