package org.rostersync.intake.sftp;

import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Brute-force defence and connection limits, per client address, as OpenSSH's PerSourcePenalties and SFTPGo's defender
 * do. Too many failed logins from one address within the window ban it, for longer each time (doubling up to a day):
 * while banned its connections are refused at once and, on a connection already open, even the right password fails.
 * Connections are limited per address and in total, and part of the total is kept for addresses that logged in
 * before: connections that may never log in (a flood from many addresses) cannot lock the vendors out. At most
 * {@value #TRACKED} addresses are remembered; past that, the ones with the oldest activity that are not banned are
 * forgotten first, and when all are banned the ban ending first.
 */
final class LoginDefender implements SessionListener {

    static final int TRACKED = 10_000;
    private static final Duration LONGEST_BAN = Duration.ofDays(1);
    private static final Logger LOG = LoggerFactory.getLogger(LoginDefender.class);

    /**
     * @param banAfter       failures within {@code window} that ban an address
     * @param ban            the first ban; each next one of the same address lasts twice as long
     * @param perAddress     connections one address may hold at once
     * @param total          connections the server holds at once
     * @param reserved       of those, the ones only addresses that logged in before may take
     */
    record Limits(int banAfter, Duration window, Duration ban, int perAddress, int total, int reserved) {
    }

    private final Limits limits;
    private final Clock clock;
    private final Map<InetAddress, Record> records = new ConcurrentHashMap<>();
    private final Map<InetAddress, AtomicInteger> connections = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    /** Addresses that logged in successfully, and when they last did. */
    private final Map<InetAddress, Instant> vendors = new ConcurrentHashMap<>();
    /** Open connections from addresses that never logged in (a set, not a count: a session's attributes go before it closes). */
    private final java.util.Set<Session> strangers = ConcurrentHashMap.newKeySet();

    LoginDefender(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Every connection is counted here and counted down in {@link #sessionClosed}; one over a limit, or from a banned
     * address, is closed at once, before the server says a word.
     */
    @Override
    public void sessionCreated(Session session) {
        InetAddress address = address(session.getIoSession().getRemoteAddress());
        int all = open.incrementAndGet();
        int mine = connections.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
        boolean stranger = !vendors.containsKey(address);
        if (stranger) {
            strangers.add(session);
        }
        int shared = limits.total() - limits.reserved();
        String refusal = banned(address) ? "banned after failed logins"
                : all > limits.total() ? "the server holds " + limits.total() + " connections, its limit"
                : mine > limits.perAddress() ? "it holds " + limits.perAddress() + " connections, the limit per address"
                : stranger && strangers.size() > shared ? "addresses that never logged in hold " + shared
                + " connections, all but the ones kept for vendors"
                : null;
        if (refusal != null) {
            LOG.warn("SFTP connection refused from {}: {}", address.getHostAddress(), refusal);
            session.close(true);
        }
    }

    @Override
    public void sessionClosed(Session session) {
        InetAddress address = address(session.getIoSession().getRemoteAddress());
        open.decrementAndGet();
        strangers.remove(session);
        connections.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    boolean banned(InetAddress address) {
        Record r = records.get(address);
        return r != null && r.bannedUntil(clock.instant());
    }

    /** A failed login from the address; bans it when it has failed too often. */
    void failed(InetAddress address) {
        Instant now = clock.instant();
        if (!records.containsKey(address) && records.size() >= TRACKED) {
            forgetOldest(now);
        }
        Record r = records.computeIfAbsent(address, a -> new Record());
        Duration banned = r.failed(now, limits);
        if (banned != null) {
            LOG.warn("SFTP logins from {} banned for {} s after {} failures within {} s", address.getHostAddress(),
                    banned.toSeconds(), limits.banAfter(), limits.window().toSeconds());
        }
    }

    /**
     * A successful login: the address's failures are forgiven (a ban in force stays), and its next connections may take
     * the ones kept for vendors.
     */
    void succeeded(InetAddress address) {
        Record r = records.get(address);
        if (r != null) {
            r.forgive();
        }
        if (vendors.put(address, clock.instant()) == null && vendors.size() > TRACKED) {
            vendors.entrySet().stream().min(Map.Entry.comparingByValue())
                    .ifPresent(oldest -> vendors.remove(oldest.getKey(), oldest.getValue()));
        }
    }

    static InetAddress address(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress();
        }
        return InetAddress.getLoopbackAddress();
    }

    /**
     * Makes room: the address silent longest among those not banned, or, when every one is banned (a flood from many
     * addresses), the one whose ban ends first.
     */
    private void forgetOldest(Instant now) {
        Comparator<Map.Entry<InetAddress, Record>> order = Comparator.comparing(e -> e.getValue().bannedUntil(now));
        records.entrySet().stream()
                .min(order.thenComparing(e -> e.getValue().bannedUntil(now) ? e.getValue().banEnds() : e.getValue().lastActivity()))
                .ifPresent(e -> records.remove(e.getKey(), e.getValue()));
    }

    private static final class Record {
        private final Deque<Instant> failures = new ArrayDeque<>();
        private Instant bannedUntil = Instant.MIN;
        private Instant last = Instant.MIN;
        private int bans;

        synchronized boolean bannedUntil(Instant now) {
            return now.isBefore(bannedUntil);
        }

        synchronized Instant banEnds() {
            return bannedUntil;
        }

        synchronized Instant lastActivity() {
            return last;
        }

        /** @return the ban this failure started, or null */
        synchronized Duration failed(Instant now, Limits limits) {
            last = now;
            failures.addLast(now);
            while (!failures.isEmpty() && failures.peekFirst().isBefore(now.minus(limits.window()))) {
                failures.removeFirst();
            }
            if (failures.size() < limits.banAfter()) {
                return null;
            }
            failures.clear();
            Duration ban = limits.ban().multipliedBy(1L << Math.min(bans, 20));
            if (ban.compareTo(LONGEST_BAN) > 0) {
                ban = LONGEST_BAN;
            }
            bans++;
            bannedUntil = now.plus(ban);
            return ban;
        }

        synchronized void forgive() {
            failures.clear();
        }
    }
}
