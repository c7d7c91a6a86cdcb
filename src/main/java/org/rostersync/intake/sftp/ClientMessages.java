package org.rostersync.intake.sftp;

import org.apache.sshd.sftp.server.SftpErrorStatusDataHandler;
import org.apache.sshd.sftp.server.SftpSubsystemEnvironment;

/**
 * Tells the SFTP client why the inbox refused something, in the status message (clients such as WinSCP, lftp and sshj
 * show it; OpenSSH's sftp shows only the status). Any other failure keeps MINA's generic message, so that nothing about
 * the server's files or internals reaches a client.
 */
final class ClientMessages implements SftpErrorStatusDataHandler {

    @Override
    public String resolveErrorMessage(SftpSubsystemEnvironment sftpSubsystem, int id, Throwable e, int subStatus, int cmd,
                                      Object... args) {
        if (e instanceof UploadRefused || e instanceof InboxRefusal) {
            return e.getMessage();
        }
        return SftpErrorStatusDataHandler.super.resolveErrorMessage(sftpSubsystem, id, e, subStatus, cmd, args);
    }
}
