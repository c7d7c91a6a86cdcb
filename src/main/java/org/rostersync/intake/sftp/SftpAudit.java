package org.rostersync.intake.sftp;

import org.apache.sshd.common.session.Session;
import org.rostersync.database.DataAccessException;
import org.rostersync.report.PrintableText;
import org.rostersync.report.SftpEvent;
import org.rostersync.report.SftpEventStore;
import org.rostersync.tenant.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * Writes the SFTP audit trail. A trail that cannot be written (the database is down) is logged and does not fail the
 * login or the upload it describes: the upload's own record would fail then anyway, and says so to the client.
 */
final class SftpAudit {

    private static final Logger LOG = LoggerFactory.getLogger(SftpAudit.class);

    private final SftpEventStore store;
    private final SftpMetrics metrics;

    SftpAudit(SftpEventStore store, SftpMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    /** The metrics count what the trail records: one place, so the two never disagree. */
    void login(UUID tenantId, UUID sourceId, boolean succeeded, String username, Session session, String method, String detail) {
        metrics.login(succeeded, method);
        add(SftpEvent.login(tenantId, sourceId, succeeded, username, address(session), method, detail));
    }

    /** A session closed because the account no longer admits it. */
    void closed(Session session, LoggedIn login, String why) {
        add(SftpEvent.sessionClosed(login.source().tenantId(), login.source().id(), session.getUsername(), address(session),
                login.credential().method(), why));
    }

    void file(Session session, String kind, String file, Long size, String sha256, String detail) {
        file(who(session), kind, file, size, sha256, detail);
    }

    void file(Who who, String kind, String file, Long size, String sha256, String detail) {
        metrics.file(kind, size);
        add(SftpEvent.file(who.tenantId(), who.sourceId(), kind, who.username(), who.address(), file, size, sha256, detail));
    }

    /**
     * Who a session is, taken while it is open: an upload aborted by a dropped connection is recorded after the session
     * has let go of its attributes.
     */
    record Who(UUID tenantId, UUID sourceId, String username, String address) {
    }

    static Who who(Session session) {
        LoggedIn login = session.getAttribute(SftpServer.ACCOUNT);
        Source account = login == null ? null : login.source();
        return new Who(account == null ? null : account.tenantId(), account == null ? null : account.id(),
                session.getUsername(), address(session));
    }

    private void add(SftpEvent raw) {
        // the username and file name are what a client sent: PostgreSQL refuses NUL in text, which would lose the event
        SftpEvent event = new SftpEvent(raw.at(), raw.tenantId(), raw.sourceId(), raw.kind(), PrintableText.of(raw.username()),
                raw.address(), raw.method(), PrintableText.of(raw.file()), raw.size(), raw.sha256(), PrintableText.of(raw.detail()));
        try {
            store.add(event);
        } catch (DataAccessException e) {
            LOG.error("SFTP audit event {} of '{}' could not be recorded", event.kind(), event.username(), e);
        }
    }

    private static String address(Session session) {
        return LoginDefender.address(session.getIoSession().getRemoteAddress()).getHostAddress();
    }
}
