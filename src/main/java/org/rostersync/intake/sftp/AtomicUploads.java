package org.rostersync.intake.sftp;

import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.DirectoryHandle;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;
import org.rostersync.config.PrivateFiles;
import org.rostersync.intake.inbox.DeliveryFile;
import org.rostersync.intake.inbox.Inbox;
import org.rostersync.intake.inbox.UploadActivity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.security.Principal;
import java.util.EnumSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.UUID;

/**
 * Uploads that are all or nothing. A file opened for writing is written to a new file outside the inbox
 * ({@link Inbox#newUpload}); a clean close after every write succeeded renames it over the inbox's file of that name in
 * one step and records it in the delivery. A dropped connection, a refused write or a failed close removes it, and the
 * previous complete file stays exactly as it was. Reads and listings go to the inbox as usual.
 */
final class AtomicUploads implements SftpFileSystemAccessor {

    private static final Logger LOG = LoggerFactory.getLogger(AtomicUploads.class);

    private final Inbox inbox;
    private final UploadActivity activity;
    private final InboxQuota quota;
    private final SftpAudit audit;
    private final java.util.concurrent.Executor writeback;
    /** True once the service stops: an upload its stop cuts is expected then, and said so, not warned of. */
    private final java.util.function.BooleanSupplier stopping;

    /** @param writeback where uploads flush their bytes to the disk while they go on (see {@link Upload}) */
    AtomicUploads(Inbox inbox, UploadActivity activity, InboxQuota quota, SftpAudit audit, java.util.concurrent.Executor writeback,
                  java.util.function.BooleanSupplier stopping) {
        this.writeback = writeback;
        this.stopping = stopping;
        this.inbox = inbox;
        this.activity = activity;
        this.quota = quota;
        this.audit = audit;
    }

    @Override
    public SeekableByteChannel openFile(SftpSubsystemProxy subsystem, FileHandle fileHandle, Path file, String handle,
                                        Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
        if (!options.contains(StandardOpenOption.WRITE)) {
            // read the inbox's own regular file, never through a link (one planted on disk by anyone but SFTP)
            return Files.newByteChannel(regularFile(subsystem.getServerSession(), file), StandardOpenOption.READ,
                    LinkOption.NOFOLLOW_LINKS);
        }
        // UploadTracker.opening has already refused anything but an allowed name at the inbox root
        ServerSession session = subsystem.getServerSession();
        UUID source = SftpServer.source(session);
        String name = UploadTracker.rootName(file);
        Path complete = inbox.folder(source).resolve(name);
        boolean exists = Files.isRegularFile(complete, LinkOption.NOFOLLOW_LINKS);
        if (exists && options.contains(StandardOpenOption.CREATE_NEW)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        if (!exists && !options.contains(StandardOpenOption.CREATE) && !options.contains(StandardOpenOption.CREATE_NEW)) {
            throw new NoSuchFileException(file.toString());
        }
        quota.stale(source);
        Path part = inbox.newUpload(source);
        Set<StandardOpenOption> partOptions = EnumSet.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
        if (options.contains(StandardOpenOption.READ)) {
            partOptions.add(StandardOpenOption.READ);
        }
        Upload upload = new Upload(SftpAudit.who(session), name, part, FileChannel.open(part, partOptions, PrivateFiles.FILE), writeback);
        try {
            if (exists && !options.contains(StandardOpenOption.TRUNCATE_EXISTING)) {
                quota.reserve(upload, Files.size(complete));
                upload.startFrom(complete);
            }
        } catch (IOException e) {
            upload.fail(e.getMessage());
            discard(upload);
            throw e;
        }
        fileHandle.setAttribute(Upload.KEY, upload);
        return upload.channel();
    }

    /** Links are never followed: a link planted in an inbox shows as a link and leads nowhere. */
    @Override
    public LinkOption[] resolveFileAccessLinkOptions(SftpSubsystemProxy subsystem, Path file, int cmd, String extension,
                                                     boolean followLinks) {
        return new LinkOption[]{LinkOption.NOFOLLOW_LINKS};
    }

    /**
     * A vendor cannot make links, so no link is there as far as it can tell: readlink of a link planted on disk answers
     * as for a missing file (MINA would answer its target, relative to the root or not: another source's folder, the
     * data directory's layout).
     */
    @Override
    public String resolveLinkTarget(SftpSubsystemProxy subsystem, Path link) throws IOException {
        throw new NoSuchFileException(link.toString());
    }

    /**
     * The inbox is flat: its root is the only folder there is, and it lists only its regular files (a link planted on
     * disk would otherwise show, and fail the whole listing when its attributes are refused).
     */
    @Override
    public DirectoryStream<Path> openDirectory(SftpSubsystemProxy subsystem, DirectoryHandle dirHandle, Path dir, String handle,
                                               LinkOption... linkOptions) throws IOException {
        if (dir.toAbsolutePath().normalize().getNameCount() != 0) {
            throw new NoSuchFileException(dir.toString());
        }
        return Files.newDirectoryStream(dir, entry -> Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * Attributes (of stat, lstat, fstat and listings alike) are reported only for the root and its regular files: a
     * path through a link planted on disk, or a link itself, does not exist as far as a vendor can tell.
     */
    @Override
    public NavigableMap<String, Object> resolveReportedFileAttributes(SftpSubsystemProxy subsystem, Path file, int flags,
                                                                      NavigableMap<String, Object> attrs,
                                                                      LinkOption... options) throws IOException {
        if (file.toAbsolutePath().normalize().getNameCount() != 0) {
            regularFile(subsystem.getServerSession(), file);
        }
        return attrs;
    }

    /*
     * Mode, owner, group, times and ACLs are answered with success and change nothing on the disk. The inbox's files are
     * the service's (600, its own user): a vendor's chmod 777 would open every student's record to any local user, a
     * chmod 000 would lock the service out of its own delivery, and chown/chgrp (numeric uid and gid included, which MINA
     * passes as the unix view's attributes) would hand the file to any local user while the service runs as root.
     * Refusing instead would break uploads: WinSCP and FileZilla set times and mode after each upload and report a
     * refusal as a failed transfer. A size change is not one of these: MINA runs it as a write (an upload) through
     * openFile.
     */

    @Override
    public void setFileAttribute(SftpSubsystemProxy subsystem, Path file, String view, String attribute, Object value,
                                 LinkOption... options) throws IOException {
        ignored(subsystem, file, view + ":" + attribute);
    }

    @Override
    public void setFileOwner(SftpSubsystemProxy subsystem, Path file, Principal value, LinkOption... options) throws IOException {
        ignored(subsystem, file, "owner");
    }

    @Override
    public void setGroupOwner(SftpSubsystemProxy subsystem, Path file, Principal value, LinkOption... options) throws IOException {
        ignored(subsystem, file, "group");
    }

    @Override
    public void setFilePermissions(SftpSubsystemProxy subsystem, Path file, Set<java.nio.file.attribute.PosixFilePermission> perms,
                                   LinkOption... options) throws IOException {
        ignored(subsystem, file, "permissions");
    }

    @Override
    public void setFileAccessControl(SftpSubsystemProxy subsystem, Path file, java.util.List<java.nio.file.attribute.AclEntry> acl,
                                     LinkOption... options) throws IOException {
        ignored(subsystem, file, "acl");
    }

    @Override
    public void applyExtensionFileAttributes(SftpSubsystemProxy subsystem, Path file, Map<String, byte[]> extensions,
                                             LinkOption... options) throws IOException {
        ignored(subsystem, file, "extended attributes");
    }

    /**
     * An attribute change the inbox answers without making it: only for the root and names at the root (a file being
     * uploaded is not on the disk yet when the client sets its times through its handle); anything else does not exist.
     */
    private static void ignored(SftpSubsystemProxy subsystem, Path file, String what) throws IOException {
        if (file.toAbsolutePath().normalize().getNameCount() != 0 && UploadTracker.rootName(file) == null) {
            throw new NoSuchFileException(file.toString());
        }
        LOG.debug("Attribute change not applied for '{}': {} of {}", subsystem.getServerSession().getUsername(), what, file);
    }

    /** The regular file at the inbox root that the path names; anything else does not exist, as far as a vendor knows. */
    private Path regularFile(ServerSession session, Path file) throws IOException {
        String name = UploadTracker.rootName(file);
        if (name == null) {
            throw new NoSuchFileException(file.toString());
        }
        Path local = inbox.folder(SftpServer.source(session)).resolve(name);
        if (!Files.isRegularFile(local, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(file.toString());
        }
        return local;
    }

    @Override
    public void closeFile(SftpSubsystemProxy subsystem, FileHandle fileHandle, Path file, String handle, Channel channel,
                          Set<? extends OpenOption> options) throws IOException {
        Upload upload = fileHandle.getAttribute(Upload.KEY);
        if (upload == null) {
            SftpFileSystemAccessor.super.closeFile(subsystem, fileHandle, file, handle, channel, options);
            return;
        }
        ServerSession session = subsystem.getServerSession();
        String user = session.getUsername();
        try {
            upload.finishWriting();
        } catch (IOException e) {
            upload.fail("the file could not be written to disk: " + e.getMessage());
        }
        String failure = upload.failure();
        if (failure != null && upload.aborted() && stopping.getAsBoolean()) {
            failure = "rostersync stopped during the upload";
            discard(upload);
            LOG.info("Upload cut by the stop: {} from '{}'; the previous {} is unchanged", upload.name(), user, upload.name());
            audit.file(upload.who(), "upload_aborted", upload.name(), upload.size(), null, failure);
            return;
        }
        if (failure != null) {
            discard(upload);
            LOG.warn("Upload aborted: {} from '{}' ({}); the previous {} is unchanged", upload.name(), user, failure, upload.name());
            audit.file(upload.who(), "upload_aborted", upload.name(), upload.size(), null, failure);
            if (!upload.aborted()) {
                throw new UploadRefused(upload.name() + " was not stored: " + failure);
            }
            return;
        }
        try {
            DeliveryFile stored = inbox.promote(upload.source(), upload.file(), upload.name(), upload.sha256(),
                    UploadNames.isDelivered(upload.name()));
            quota.stale(upload.source());
            LOG.info("Upload complete: {} ({} bytes, sha256 {}) from '{}'", stored.name(), stored.size(), stored.sha256(), user);
            audit.file(upload.who(), "upload_completed", stored.name(), stored.size(), stored.sha256(), null);
        } catch (IOException e) {
            discard(upload);
            LOG.error("Upload of {} from '{}' could not be stored", upload.name(), user, e);
            audit.file(upload.who(), "upload_aborted", upload.name(), upload.size(), null, "it could not be stored");
            throw new UploadRefused(upload.name() + " could not be stored; upload it again", e);
        }
    }

    private void discard(Upload upload) {
        try {
            upload.finishWriting();
            Files.deleteIfExists(upload.file());
        } catch (IOException e) {
            LOG.warn("Aborted upload {} could not be removed (it is removed later): {}", upload.file(), e.getMessage());
        }
        try {
            activity.ended(upload.file());
        } catch (org.rostersync.database.DataAccessException e) {
            LOG.debug("Upload activity of {} not cleared (it is later): {}", upload.name(), e.getMessage());
        }
        quota.stale(upload.source());
    }
}
