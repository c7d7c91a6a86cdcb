package org.rostersync.intake.sftp;

import java.io.IOException;

/** Stops an application's SFTP server as its shutdown would, for tests of what the rest says then. */
public final class SftpStopper {

    private SftpStopper() {
    }

    public static void stop(SftpServer server) throws IOException {
        server.stop();
    }
}
