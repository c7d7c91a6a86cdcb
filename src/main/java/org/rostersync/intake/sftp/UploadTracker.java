package org.rostersync.intake.sftp;

import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.rostersync.database.DataAccessException;
import org.rostersync.intake.inbox.DeliveryFile;
import org.rostersync.intake.inbox.Inbox;
import org.rostersync.intake.inbox.UploadActivity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Holds uploads to the inbox's rules and keeps its record of complete files true. What may be written: files at the
 * inbox root under the names {@link UploadNames} allows, no larger than the size limit, within the source's quota. A
 * file enters the delivery when {@link AtomicUploads} promotes it, or when a file uploaded under a temporary name is
 * renamed to its real one; it leaves when the vendor deletes it. Folders and links cannot be created.
 */
final class UploadTracker implements SftpEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(UploadTracker.class);

    private final Inbox inbox;
    private final UploadActivity activity;
    private final InboxQuota quota;
    private final SftpAudit audit;
    private final long maxFileBytes;

    UploadTracker(Inbox inbox, UploadActivity activity, InboxQuota quota, SftpAudit audit, long maxFileBytes) {
        this.inbox = inbox;
        this.activity = activity;
        this.quota = quota;
        this.audit = audit;
        this.maxFileBytes = maxFileBytes;
    }

    /**
     * The SFTP extensions clients use to upload (OpenSSH's rename, fsync, limits and statvfs, and the standard ones it
     * asks about); every other is refused before MINA runs it. copy-data, copy-file and hardlink would put bytes in the
     * inbox without an upload (past the names, the size limit and the quota), the hashes would read what a planted link
     * points at, and an extension a new MINA adds should not be open before anyone looked at it.
     */
    static final java.util.Set<String> EXTENSIONS = java.util.Set.of("posix-rename@openssh.com", "fsync@openssh.com",
            "limits@openssh.com", "statvfs@openssh.com", "fstatvfs@openssh.com", "expand-path@openssh.com",
            "lsetstat@openssh.com", "space-available", "version-select", "home-directory");

    @Override
    public void receivedExtension(ServerSession session, String extension, int id) throws IOException {
        if (!EXTENSIONS.contains(extension)) {
            throw new UnsupportedOperationException("the " + extension + " extension is not offered here: upload files instead");
        }
    }

    @Override
    public void opening(ServerSession session, String remoteHandle, Handle localHandle) throws IOException {
        if (localHandle instanceof FileHandle file && file.getOpenOptions().contains(StandardOpenOption.WRITE)) {
            writable(session, file.getFile());
        }
    }

    @Override
    public void writing(ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data,
                        int dataOffset, int dataLen) throws IOException {
        Upload upload = localHandle.getAttribute(Upload.KEY);
        if (upload == null) {
            return;
        }
        long end = (localHandle.isOpenAppend() ? upload.size() : offset) + dataLen;
        String failed = upload.failure();
        if (failed != null) {
            // refused before: it is discarded when the client closes it, and nothing more of it is written or charged
            throw new UploadRefused(upload.name() + " was not stored: " + failed);
        }
        try {
            if (end > maxFileBytes) {
                throw new UploadRefused(upload.name() + " would be larger than " + maxFileBytes
                        + " bytes, the most one file may be");
            }
            long more = upload.growTo(end);
            if (more > 0) {
                quota.reserve(upload, more);
            }
            noteActivity(upload);
        } catch (IOException e) {
            upload.fail(e.getMessage());
            quota.stale(upload.source()); // its bytes were given back
            LOG.warn("Upload of {} from '{}' refused: {}", upload.name(), session.getUsername(), e.getMessage());
            throw e;
        }
    }

    @Override
    public void written(ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data,
                        int dataOffset, int dataLen, Throwable thrown) {
        Upload upload = localHandle.getAttribute(Upload.KEY);
        if (upload != null && thrown != null) {
            upload.fail("a write failed: " + thrown.getMessage());
            quota.stale(upload.source());
        }
    }

    @Override
    public void exiting(ServerSession session, Handle handle) {
        Upload upload = handle.getAttribute(Upload.KEY);
        if (upload != null) {
            upload.abort();
        }
    }

    @Override
    public void creating(ServerSession session, Path path, Map<String, ?> attrs) throws IOException {
        throw new InboxRefusal(path.toString(), "folders cannot be created: upload files to the inbox root");
    }

    @Override
    public void linking(ServerSession session, Path source, Path target, boolean symLink) throws IOException {
        throw new InboxRefusal(source.toString(), "links cannot be created");
    }

    @Override
    public void moving(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts) throws IOException {
        writable(session, dstPath);
        // until moved: the rename and its record are one change of the folder (MINA calls moved whatever happens)
        inbox.holdFolder(SftpServer.source(session));
    }

    @Override
    public void removing(ServerSession session, Path path, boolean isDirectory) {
        // until removed: the delete and its record are one change of the folder (MINA calls removed whatever happens)
        inbox.holdFolder(SftpServer.source(session));
    }

    @Override
    public void moved(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts, Throwable thrown)
            throws IOException {
        UUID source = SftpServer.source(session);
        if (thrown != null) {
            inbox.releaseFolder(source);
            return;
        }
        String from = rootName(srcPath);
        String to = rootName(dstPath);
        try {
            if (from != null) {
                inbox.forget(source, from);
            }
            if (UploadNames.isDelivered(to)) {
                DeliveryFile file = inbox.complete(source, to);
                LOG.info("Upload complete: {} ({} bytes, sha256 {}) from '{}', renamed from {}", to, file.size(), file.sha256(),
                        session.getUsername(), from);
                audit.file(session, "file_renamed", to, file.size(), file.sha256(), "renamed from " + from);
            } else {
                inbox.forget(source, to);
                audit.file(session, "file_renamed", to, null, null, "renamed from " + from);
            }
        } catch (DataAccessException e) {
            throw new IOException("cannot record the rename of " + from + " to " + to, e);
        } finally {
            inbox.releaseFolder(source);
            quota.stale(source);
        }
    }

    @Override
    public void removed(ServerSession session, Path path, boolean isDirectory, Throwable thrown) throws IOException {
        String name = rootName(path);
        UUID source = SftpServer.source(session);
        if (thrown != null || name == null) {
            inbox.releaseFolder(source);
            return;
        }
        try {
            inbox.forget(source, name);
            LOG.info("Deleted by '{}': {}", session.getUsername(), name);
            audit.file(session, "file_deleted", name, null, null, null);
        } catch (DataAccessException e) {
            throw new IOException("cannot update the delivery record of " + name, e);
        } finally {
            inbox.releaseFolder(source);
            quota.stale(source);
        }
    }

    /** Says in the database that the upload is writing, for every instance's run on arrival; never fails the write. */
    private void noteActivity(Upload upload) {
        try {
            activity.wrote(upload.source(), upload.file());
        } catch (DataAccessException e) {
            LOG.debug("Upload activity of {} not recorded: {}", upload.name(), e.getMessage());
        }
    }

    /** Refuses, saying why, a file that cannot be written or renamed to this path. */
    private void writable(ServerSession session, Path path) throws IOException {
        String name = rootName(path);
        if (name == null) {
            throw new InboxRefusal(path.toString(), "files go in the inbox root, not in folders");
        }
        var refusal = UploadNames.refusal(name);
        if (refusal.isPresent()) {
            LOG.warn("Upload refused for '{}': {}", session.getUsername(), refusal.get());
            audit.file(session, "upload_refused", name, null, null, refusal.get());
            throw new InboxRefusal(path.toString(), refusal.get());
        }
    }

    /** The file name when the path is directly in the inbox root, else null. */
    static String rootName(Path path) {
        Path normalized = path.toAbsolutePath().normalize();
        if (normalized.getParent() == null || normalized.getNameCount() != 1) {
            return null;
        }
        return normalized.getFileName().toString();
    }
}
