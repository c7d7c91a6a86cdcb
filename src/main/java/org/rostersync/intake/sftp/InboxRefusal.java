package org.rostersync.intake.sftp;

import java.nio.file.AccessDeniedException;

/** A path the inbox does not allow (a name outside the OneRoster set, a folder, a link): permission denied, with why. */
final class InboxRefusal extends AccessDeniedException {

    InboxRefusal(String path, String reason) {
        super(path, null, reason);
    }
}
