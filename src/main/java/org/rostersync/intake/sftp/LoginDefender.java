package org.rostersync.intake.sftp;

import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.rostersync.security.FailureBans;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Brute-force defence and connection limits, per client address, as OpenSSH's PerSourcePenalties and SFTPGo's defender
 * do. Too many failed logins from one address within the window ban it, for longer each time (doubling up to a day):
 * while banned its connections are refused at once and, on a connection already open, even the right password fails.
 * Connections are limited per address and in total, and part of the total is kept for addresses that logged in
 * before: connections that may never log in (a flood from many addresses) cannot lock the vendors out. The failures and
 * bans are {@link FailureBans}' (shared with the operators' logins); at most {@value #TRACKED} addresses are remembered.
 */
final class LoginDefender implements SessionListener {

    static final int TRACKED = FailureBans.TRACKED;
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
    private final FailureBans bans;
    private final Map<InetAddress, AtomicInteger> connections = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    /** Addresses that logged in successfully, and when they last did. */
    private final Map<InetAddress, Instant> vendors = new ConcurrentHashMap<>();
    /** Open connections from addresses that never logged in (a set, not a count: a session's attributes go before it closes). */
    private final java.util.Set<Session> strangers = ConcurrentHashMap.newKeySet();

    LoginDefender(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        this.bans = new FailureBans(new FailureBans.Limits(limits.banAfter(), limits.window(), limits.ban()), clock);
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

    /** The connections open now, the ones refused and not yet closed included. */
    int openConnections() {
        return open.get();
    }

    boolean banned(InetAddress address) {
        return bans.banned(address);
    }

    /** A failed login from the address; bans it when it has failed too often, and then says so. */
    boolean failed(InetAddress address) {
        Optional<Duration> banned = bans.failed(address);
        banned.ifPresent(ban -> LOG.warn("SFTP logins from {} banned for {} s after {} failures within {} s",
                address.getHostAddress(), ban.toSeconds(), limits.banAfter(), limits.window().toSeconds()));
        return banned.isPresent();
    }

    /**
     * A successful login: the address's failures are forgiven (a ban in force stays), and its next connections may take
     * the ones kept for vendors.
     */
    void succeeded(InetAddress address) {
        bans.forgive(address);
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
}
