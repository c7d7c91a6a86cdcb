package org.rostersync.intake.sftp;

import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.rostersync.intake.inbox.DeliveryFile;
import org.rostersync.intake.inbox.Inbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps the inbox's record of complete files true. SFTP has no "upload finished" message: a file opened for writing
 * leaves the delivery at once, and comes back only when the client closes its handle cleanly ({@code closed} without
 * error). A dropped connection ends in {@code exiting} instead, so a half-written file is never part of a delivery.
 * Only files at the inbox root count; folders cannot be created.
 */
final class UploadTracker implements SftpEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(UploadTracker.class);

    private final Inbox inbox;

    UploadTracker(Inbox inbox) {
        this.inbox = inbox;
    }

    @Override
    public void opening(ServerSession session, String remoteHandle, Handle localHandle) throws IOException {
        if (isWrite(localHandle)) {
            forget(session, localHandle.getFile());
        }
    }

    @Override
    public void closed(ServerSession session, String remoteHandle, Handle localHandle, Throwable thrown) throws IOException {
        if (!isWrite(localHandle)) {
            return;
        }
        String name = rootName(session, localHandle.getFile());
        if (thrown != null || name == null) {
            return;
        }
        try {
            DeliveryFile file = inbox.complete(source(session), name);
            LOG.info("Upload complete: {} ({} bytes, sha256 {}) from '{}'", name, file.size(), file.sha256(), session.getUsername());
        } catch (SQLException e) {
            throw new IOException("cannot record the upload of " + name, e);
        }
    }

    @Override
    public void exiting(ServerSession session, Handle handle) {
        if (isWrite(handle)) {
            LOG.warn("Upload aborted: {} from '{}' (connection ended with the file open)", handle.getFile().getFileName(), session.getUsername());
        }
    }

    @Override
    public void creating(ServerSession session, Path path, Map<String, ?> attrs) throws IOException {
        throw new IOException("folders cannot be created: upload files to the inbox root");
    }

    @Override
    public void moving(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts) throws IOException {
        forget(session, srcPath);
        forget(session, dstPath);
    }

    @Override
    public void moved(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts, Throwable thrown) throws IOException {
        String name = rootName(session, dstPath);
        if (thrown == null && name != null) {
            try {
                inbox.complete(source(session), name);
            } catch (SQLException e) {
                throw new IOException("cannot record " + name, e);
            }
        }
    }

    @Override
    public void removing(ServerSession session, Path path, boolean isDirectory) throws IOException {
        forget(session, path);
    }

    @Override
    public void linking(ServerSession session, Path source, Path target, boolean symLink) throws IOException {
        throw new IOException("links cannot be created");
    }

    private void forget(ServerSession session, Path path) throws IOException {
        String name = rootName(session, path);
        if (name == null) {
            return;
        }
        try {
            inbox.forget(source(session), name);
        } catch (SQLException e) {
            throw new IOException("cannot update the delivery record of " + name, e);
        }
    }

    private static boolean isWrite(Handle handle) {
        if (!(handle instanceof FileHandle file)) {
            return false;
        }
        var options = file.getOpenOptions();
        return options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
    }

    /** The file name when the path is directly in the inbox root, else null. */
    private static String rootName(ServerSession session, Path path) {
        Path normalized = path.toAbsolutePath().normalize();
        if (normalized.getParent() == null || normalized.getNameCount() != 1) {
            return null;
        }
        return normalized.getFileName().toString();
    }

    private static UUID source(ServerSession session) {
        return session.getAttribute(SftpServer.InboxFileSystemFactory.SOURCE);
    }
}
