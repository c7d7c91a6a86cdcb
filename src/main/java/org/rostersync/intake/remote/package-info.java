/**
 * Pulling a source's delivery from a remote SFTP server (the district's or the vendor's) with MINA SSHD's client: the
 * settings (secrets sealed at rest, the server's host key pinned on first contact), the step-by-step connection test,
 * and the fetch that hands each file to the inbox exactly as a hosted upload would. May use {@code config},
 * {@code database}, {@code oneroster} (the file names a delivery holds), {@code tenant}, {@code intake.inbox},
 * {@code security} and {@code report} (its {@code PrintableText}, for a remote file's name); never {@code intake.sftp},
 * {@code pipeline} or the APIs.
 */
package org.rostersync.intake.remote;
