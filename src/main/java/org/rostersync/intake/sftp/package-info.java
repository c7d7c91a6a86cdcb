/**
 * The embedded SFTP server: password and key logins of sources, each confined to its own inbox, the defence against
 * guessing and floods, quotas, upload completion and the audit trail. May use {@code config}, {@code database} (its
 * exceptions), {@code security} (the ban table), {@code oneroster} (its file names), {@code tenant},
 * {@code intake.inbox}, {@code report} (the audit trail's store).
 */
package org.rostersync.intake.sftp;
