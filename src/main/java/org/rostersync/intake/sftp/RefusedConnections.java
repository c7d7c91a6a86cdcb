package org.rostersync.intake.sftp;

import org.apache.sshd.common.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Logs connections refused for what a stranger can send as often as it likes (a scanner's key-exchange probes), at
 * most one line per {@code every}: the next line says how many were refused meanwhile. A log that anyone on the
 * network can fill hides what matters and fills the disk.
 */
final class RefusedConnections {

    private static final Logger LOG = LoggerFactory.getLogger(RefusedConnections.class);

    private final Clock clock;
    private final Duration every;
    private Instant lastLogged;
    private long unlogged;

    RefusedConnections(Clock clock, Duration every) {
        this.clock = clock;
        this.every = every;
    }

    void refused(Session session, String why) {
        String from = LoginDefender.address(session.getIoSession().getRemoteAddress()).getHostAddress();
        long meanwhile;
        synchronized (this) {
            Instant now = clock.instant();
            if (lastLogged != null && now.isBefore(lastLogged.plus(every))) {
                unlogged++;
                return;
            }
            meanwhile = unlogged;
            unlogged = 0;
            lastLogged = now;
        }
        LOG.warn("SFTP connection refused from {}: {}{}", from, why, meanwhile == 0 ? ""
                : " (" + meanwhile + " more refused so since the last line like this, not logged)");
    }
}
