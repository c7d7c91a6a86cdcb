package org.rostersync.intake.sftp;

import org.rostersync.tenant.SftpCredential;
import org.rostersync.tenant.Source;

/** Who a session logged in as, and with what: kept by the session for the audit trail and for account changes. */
record LoggedIn(Source source, SftpCredential credential) {
}
