package org.rostersync.report;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of the SFTP audit trail. {@code kind}: {@code login_succeeded}, {@code login_failed}, {@code upload_completed},
 * {@code upload_aborted}, {@code upload_refused}, {@code file_renamed}, {@code file_deleted}, {@code session_closed} (by a change
 * of the account that no longer admits it). Never a password or a file's
 * contents.
 *
 * @param sourceId null for a failed login under a username no source has
 */
@Serdeable
public record SftpEvent(Instant at, UUID tenantId, UUID sourceId, String kind, String username, String address, String method,
                        String file, Long size, String sha256, String detail) {

    public static SftpEvent login(UUID tenantId, UUID sourceId, boolean succeeded, String username, String address,
                                  String method, String detail) {
        return new SftpEvent(Instant.now(), tenantId, sourceId, succeeded ? "login_succeeded" : "login_failed", username, address,
                method, null, null, null, detail);
    }

    public static SftpEvent sessionClosed(UUID tenantId, UUID sourceId, String username, String address, String method,
                                          String detail) {
        return new SftpEvent(Instant.now(), tenantId, sourceId, "session_closed", username, address, method, null, null, null,
                detail);
    }

    public static SftpEvent file(UUID tenantId, UUID sourceId, String kind, String username, String address, String file,
                                 Long size, String sha256, String detail) {
        return new SftpEvent(Instant.now(), tenantId, sourceId, kind, username, address, null, file, size, sha256, detail);
    }
}
