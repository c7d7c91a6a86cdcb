package org.rostersync.intake.sftp;

import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.auth.AsyncAuthException;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.rostersync.database.DataAccessException;
import org.rostersync.tenant.AuthorizedKey;
import org.rostersync.tenant.SftpLogin;
import org.rostersync.tenant.Source;
import org.rostersync.tenant.TenantService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Password and public key logins of sources' accounts.
 * <ul>
 * <li>A wrong password is answered only after a constant delay, without holding one of the server's I/O threads
 * meanwhile; an unknown user, an account without a password, a disabled account and an address outside the account's
 * networks get the same answer after the same delay. Each counts as a failure of the address.</li>
 * <li>A key the account does not have is refused at once and does not count: offering a public key guesses no secret,
 * and OpenSSH clients offer every key they hold before the password.</li>
 * <li>A banned address fails whatever it offers.</li>
 * <li>MINA asks about a key before the client proves it holds the private half, so the login is taken (and audited)
 * only once the server says the session is authenticated.</li>
 * </ul>
 */
final class AccountLogins implements PasswordAuthenticator, PublickeyAuthenticator, SessionListener {

    private static final Logger LOG = LoggerFactory.getLogger(AccountLogins.class);
    /** The login an authenticator admitted, waiting for the server to finish authenticating the session. */
    private static final AttributeRepository.AttributeKey<LoggedIn> ADMITTED = new AttributeRepository.AttributeKey<>();

    private final TenantService tenants;
    private final LoginDefender defender;
    private final SftpAudit audit;
    private final ScheduledExecutorService delays;
    private final Duration failureDelay;
    private final SftpMetrics metrics;

    AccountLogins(TenantService tenants, LoginDefender defender, SftpAudit audit, ScheduledExecutorService delays,
                  Duration failureDelay, SftpMetrics metrics) {
        this.metrics = metrics;
        this.tenants = tenants;
        this.defender = defender;
        this.audit = audit;
        this.delays = delays;
        this.failureDelay = failureDelay;
    }

    @Override
    public boolean authenticate(String username, String password, ServerSession session) {
        InetAddress address = LoginDefender.address(session.getClientAddress());
        if (defender.banned(address)) {
            refusedBanned(username, session, "password");
            throw later();
        }
        SftpLogin login;
        try {
            login = tenants.sftpPasswordLogin(username, password, address);
        } catch (DataAccessException e) {
            LOG.error("SFTP login for '{}' from {} failed: database unavailable", username, address.getHostAddress(), e);
            throw later();
        }
        if (admit(login, session)) {
            return true;
        }
        if (defender.failed(address)) {
            metrics.banned();
        }
        refused(username, session, "password", login.source(), login.refusal().description());
        throw later();
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        InetAddress address = LoginDefender.address(session.getClientAddress());
        if (defender.banned(address)) {
            refusedBanned(username, session, "publickey");
            return false;
        }
        SftpLogin login;
        try {
            login = tenants.sftpKeyLogin(username, key, address);
        } catch (DataAccessException e) {
            LOG.error("SFTP key login for '{}' from {} failed: database unavailable", username, address.getHostAddress(), e);
            return false;
        }
        if (admit(login, session)) {
            return true;
        }
        // offering keys is routine (clients offer each key they hold): only a right key refused is worth the trail
        if (login.refusal() == SftpLogin.Refusal.DISABLED || login.refusal() == SftpLogin.Refusal.ADDRESS_NOT_ALLOWED) {
            refused(username, session, "publickey", login.source(),
                    login.refusal().description() + " (key " + AuthorizedKey.fingerprint(key) + ")");
        } else {
            LOG.debug("SFTP key {} offered for '{}' refused: {}", AuthorizedKey.fingerprint(key), username,
                    login.refusal().description());
        }
        return false;
    }

    /** The server authenticated the session: it is now the account the authenticator admitted. */
    @Override
    public void sessionEvent(Session session, Event event) {
        if (event != Event.Authenticated) {
            return;
        }
        LoggedIn login = session.removeAttribute(ADMITTED);
        if (login == null || !login.source().sftpUsername().equals(session.getUsername())) {
            LOG.error("SFTP session of '{}' was authenticated without an admitted login; closing it", session.getUsername());
            session.close(true);
            return;
        }
        session.setAttribute(SftpServer.ACCOUNT, login);
        InetAddress address = LoginDefender.address(session.getIoSession().getRemoteAddress());
        defender.succeeded(address);
        audit.login(login.source().tenantId(), login.source().id(), true, session.getUsername(), session,
                login.credential().method(), login.credential().keyFingerprint());
        LOG.info("SFTP login accepted for '{}' from {} ({}{})", session.getUsername(), address.getHostAddress(),
                login.credential().method(), login.credential().keyFingerprint() == null ? "" : " " + login.credential().keyFingerprint());
    }

    private static boolean admit(SftpLogin login, ServerSession session) {
        if (!login.admitted()) {
            return false;
        }
        session.setAttribute(ADMITTED, new LoggedIn(login.source().orElseThrow(), login.credential().orElseThrow()));
        return true;
    }

    private void refusedBanned(String username, ServerSession session, String method) {
        Optional<Source> account = Optional.empty();
        try {
            account = tenants.sourceWithSftpUsername(username);
        } catch (DataAccessException e) {
            LOG.warn("The source of SFTP username '{}' could not be looked up: {}", username, e.getMessage());
        }
        refused(username, session, method, account, "the address is banned after failed logins");
    }

    private void refused(String username, ServerSession session, String method, Optional<Source> account, String why) {
        LOG.info("SFTP login refused for '{}' from {} ({}): {}", username,
                LoginDefender.address(session.getClientAddress()).getHostAddress(), method, why);
        audit.login(account.map(Source::tenantId).orElse(null), account.map(Source::id).orElse(null), false, username, session,
                method, why);
    }

    /** A refusal the client hears only after the failure delay. */
    private AsyncAuthException later() {
        AsyncAuthException refusal = new AsyncAuthException();
        delays.schedule(() -> refusal.setAuthed(false), failureDelay.toMillis(), TimeUnit.MILLISECONDS);
        return refusal;
    }

    @Override
    public void sessionClosed(Session session) {
        session.removeAttribute(ADMITTED);
    }
}
