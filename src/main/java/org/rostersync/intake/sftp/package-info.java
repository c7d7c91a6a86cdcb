/**
 * The embedded SFTP server: password logins of sources, each confined to its own inbox, and upload completion. May use
 * {@code config}, {@code database} (its exceptions), {@code security} (the ban table), {@code oneroster} (its file
 * names), {@code tenant}, {@code intake.inbox}, {@code report} (the audit trail).
 */
package org.rostersync.intake.sftp;
