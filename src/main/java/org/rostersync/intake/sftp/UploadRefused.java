package org.rostersync.intake.sftp;

import java.io.IOException;

/**
 * An upload the inbox cannot take (past the size limit or the quota, or not stored): the SFTP client is told why,
 * where other failures get only the protocol's generic status (see {@link ClientMessages}).
 */
final class UploadRefused extends IOException {

    UploadRefused(String message) {
        super(message);
    }

    UploadRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
