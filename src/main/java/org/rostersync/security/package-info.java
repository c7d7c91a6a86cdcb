/**
 * Password hashing (a few hashes at once: {@code HashingSlots}), secret generation and sealing (AES-256-GCM, for secrets
 * we must use again, such as a remote SFTP server's password) shared by operators, SFTP accounts, API clients and remote
 * deliveries; the per-address failure and ban table of the SFTP server and the operators' logins ({@code FailureBans});
 * the rule for control characters in request text ({@code ControlCharacters}). May use {@code config} (its
 * {@code PrivateFiles} writes the key files as every private file of the data directory is written).
 */
package org.rostersync.security;
