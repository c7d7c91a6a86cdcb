package org.rostersync.security;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins per client address, and the bans they earn, as OpenSSH's PerSourcePenalties and SFTPGo's defender
 * count them: {@code banAfter} failures within {@code window} ban the address, for longer each time (doubling up to a
 * day). Shared by the SFTP server and the operators' logins (console and admin API), each with its own instance and
 * settings. At most {@value #TRACKED} addresses are remembered; past that, the ones with the oldest activity that are
 * not banned are forgotten first, and when all are banned the bans ending first.
 */
public final class FailureBans {

    public static final int TRACKED = 10_000;
    private static final int FORGOTTEN_AT_ONCE = TRACKED / 10;
    private static final Duration LONGEST_BAN = Duration.ofDays(1);

    /**
     * @param banAfter failures within {@code window} that ban an address
     * @param ban      the first ban; each next one of the same address lasts twice as long
     */
    public record Limits(int banAfter, Duration window, Duration ban) {
    }

    private final Limits limits;
    private final Clock clock;
    private final Map<InetAddress, Record> records = new ConcurrentHashMap<>();

    public FailureBans(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    public Limits limits() {
        return limits;
    }

    public boolean banned(InetAddress address) {
        return banEnds(address).isPresent();
    }

    /** When the address's ban ends, while it is banned. */
    public Optional<Instant> banEnds(InetAddress address) {
        Record r = records.get(address);
        Instant now = clock.instant();
        return r != null && r.bannedUntil(now) ? Optional.of(r.banEnds()) : Optional.empty();
    }

    /** A failed login from the address. @return the ban it started, if it did */
    public Optional<Duration> failed(InetAddress address) {
        Instant now = clock.instant();
        if (!records.containsKey(address) && records.size() >= TRACKED) {
            forgetOldest(now);
        }
        Record r = records.computeIfAbsent(address, a -> new Record());
        return Optional.ofNullable(r.failed(now, limits));
    }

    /** A successful login: the address's failures are forgiven (a ban in force stays). */
    public void forgive(InetAddress address) {
        Record r = records.get(address);
        if (r != null) {
            r.forgive();
        }
    }

    /**
     * Makes room: the addresses silent longest among those not banned, or, when every one is banned (a flood from many
     * addresses), the ones whose bans end first. A tenth of the table goes at once, so a flood of new addresses costs
     * one sort per thousand of them rather than a scan of the whole table for each.
     */
    private void forgetOldest(Instant now) {
        record Candidate(InetAddress address, Record record, boolean banned, Instant order) {
        }
        records.entrySet().stream()
                .map(e -> {
                    boolean banned = e.getValue().bannedUntil(now);
                    return new Candidate(e.getKey(), e.getValue(), banned,
                            banned ? e.getValue().banEnds() : e.getValue().lastActivity());
                })
                .sorted(Comparator.comparing(Candidate::banned).thenComparing(Candidate::order))
                .limit(FORGOTTEN_AT_ONCE)
                .forEach(c -> records.remove(c.address(), c.record()));
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
