/**
 * Password hashing, secret generation and sealing (AES-256-GCM, for secrets we must use again, such as a remote SFTP
 * server's password) shared by operators, SFTP accounts, API clients and remote deliveries. Uses nothing of ours.
 */
package org.rostersync.security;
