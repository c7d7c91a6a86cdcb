package org.rostersync.tenant;

import java.time.Instant;

/**
 * What an SFTP session logged in with: the password as it was set at {@code passwordChangedAt}, or the key with that
 * fingerprint. Kept by the session so that a change of the account can tell whether it still admits the session.
 */
public record SftpCredential(Instant passwordChangedAt, String keyFingerprint) {

    public static SftpCredential password(Instant changedAt) {
        return new SftpCredential(changedAt, null);
    }

    public static SftpCredential key(String fingerprint) {
        return new SftpCredential(null, fingerprint);
    }

    /** {@code password} or {@code publickey}, as SSH names the methods. */
    public String method() {
        return keyFingerprint == null ? "password" : "publickey";
    }
}
