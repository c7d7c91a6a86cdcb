package org.rostersync.backup;

/** A backup or restore that cannot be done as asked, said in one sentence for the operator (nothing was changed). */
public final class BackupRefusal extends RuntimeException {

    BackupRefusal(String message) {
        super(message);
    }
}
