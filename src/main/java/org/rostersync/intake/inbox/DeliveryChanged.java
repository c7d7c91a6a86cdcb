package org.rostersync.intake.inbox;

import java.io.IOException;

/**
 * A file of the delivery is no longer the bytes its upload delivered: its SHA-256 on disk differs from the one recorded
 * when the upload completed (something other than an upload wrote to the inbox). The delivery's fault, not the service's:
 * the vendor or an operator uploads it again.
 */
public final class DeliveryChanged extends IOException {

    private final String file;

    DeliveryChanged(String file) {
        super(file + " changed on disk after its upload completed (its SHA-256 is no longer the one recorded at upload); "
                + "upload it again");
        this.file = file;
    }

    /** The file cannot be read as its upload delivered it, for the reason given. */
    DeliveryChanged(String file, String reason) {
        super(file + " cannot be read as its upload delivered it: " + reason + "; upload it again");
        this.file = file;
    }

    /** The name of the file that changed. */
    public String file() {
        return file;
    }
}
