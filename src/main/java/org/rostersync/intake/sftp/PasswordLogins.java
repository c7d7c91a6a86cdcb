package org.rostersync.intake.sftp;

import org.apache.sshd.server.auth.AsyncAuthException;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.rostersync.tenant.Source;
import org.rostersync.tenant.TenantService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Password logins of sources. An unknown user and a wrong password get the same answer after the same delay (the
 * password check of an unknown user runs against a decoy hash); a failure is answered only after a constant delay,
 * without holding one of the server's I/O threads meanwhile; a banned address fails whatever the password.
 */
final class PasswordLogins implements PasswordAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordLogins.class);

    private final TenantService tenants;
    private final LoginDefender defender;
    private final SftpAudit audit;
    private final ScheduledExecutorService delays;
    private final Duration failureDelay;

    PasswordLogins(TenantService tenants, LoginDefender defender, SftpAudit audit, ScheduledExecutorService delays,
                   Duration failureDelay) {
        this.tenants = tenants;
        this.defender = defender;
        this.audit = audit;
        this.delays = delays;
        this.failureDelay = failureDelay;
    }

    @Override
    public boolean authenticate(String username, String password, ServerSession session) {
        InetAddress address = LoginDefender.address(session.getClientAddress());
        String from = address.getHostAddress();
        if (defender.banned(address)) {
            LOG.warn("SFTP login refused for '{}' from {}: the address is banned after failed logins", username, from);
            refused(username, session, "the address is banned after failed logins");
            throw later();
        }
        Optional<Source> source;
        try {
            source = tenants.authenticateSftp(username, password);
        } catch (SQLException e) {
            LOG.error("SFTP login for '{}' from {} failed: database unavailable", username, from, e);
            throw later();
        }
        if (source.isPresent()) {
            defender.succeeded(address);
            session.setAttribute(SftpServer.ACCOUNT, source.get());
            audit.login(source.get().tenantId(), source.get().id(), true, username, session, null);
            LOG.info("SFTP login accepted for '{}' from {} (password)", username, from);
            return true;
        }
        defender.failed(address);
        LOG.info("SFTP login refused for '{}' from {} (password)", username, from);
        refused(username, session, "wrong password or unknown username");
        throw later();
    }

    private void refused(String username, ServerSession session, String why) {
        Optional<Source> account = Optional.empty();
        try {
            account = tenants.sourceWithSftpUsername(username);
        } catch (SQLException e) {
            LOG.warn("The source of SFTP username '{}' could not be looked up: {}", username, e.getMessage());
        }
        audit.login(account.map(Source::tenantId).orElse(null), account.map(Source::id).orElse(null), false, username, session,
                why);
    }

    /** A refusal the client hears only after the failure delay. */
    private AsyncAuthException later() {
        AsyncAuthException refusal = new AsyncAuthException();
        delays.schedule(() -> refusal.setAuthed(false), failureDelay.toMillis(), TimeUnit.MILLISECONDS);
        return refusal;
    }
}
