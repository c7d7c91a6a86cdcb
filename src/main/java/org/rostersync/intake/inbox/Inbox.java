package org.rostersync.intake.inbox;

import jakarta.inject.Singleton;
import org.rostersync.config.PrivateFiles;
import org.rostersync.config.RostersyncConfig;
import org.rostersync.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Each source's inbox folder ({@code <dataDir>/inbox/<sourceId>}) and the record of its complete files. A file is part
 * of the delivery only from the moment its upload closed cleanly until it is opened for writing again or removed.
 * <p>
 * With object storage configured ({@link ObjectStore#enabled()}), each complete file's bytes are also stored in the
 * bucket before they are recorded, and runs freeze deliveries from there ({@link RunArchives}, {@link StoredFiles}): any
 * instance runs a delivery another received, with no shared disk. The inbox folder stays local to each instance, as the SFTP view
 * of the source; {@link #catchUp} brings it up to date from the stored delivery.
 */
@Singleton
public class Inbox {

    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);

    private final Path root;
    private final Path uploading;
    private final DeliveryFiles deliveryFiles;
    private final UploadActivity activity;
    /** The deliveries and archives in object storage; null when they live on the local disk only. */
    private final StoredFiles stored;
    /**
     * Per source, with object storage: a change of the folder and its record (a promotion, a vendor's rename or delete)
     * and bringing the folder up to date from the stored delivery take turns on this instance, so that neither meets
     * the other half made.
     */
    private final ConcurrentHashMap<UUID, ReentrantLock> folderLocks =
            new ConcurrentHashMap<>();

    Inbox(RostersyncConfig config, DeliveryFiles deliveryFiles, UploadActivity activity, ObjectStore objects) {
        this.root = config.dataPath().resolve("inbox");
        // beside the sources' folders (never inside one, so no vendor sees it) and on the same file system, so that
        // promoting an upload is an atomic rename
        this.uploading = root.resolve(".uploading");
        this.deliveryFiles = deliveryFiles;
        this.activity = activity;
        this.stored = objects.enabled() ? new StoredFiles(objects) : null;
    }

    /** True when deliveries and archives live in object storage. */
    public boolean inObjectStorage() {
        return stored != null;
    }

    /** The source's inbox folder, created on first use. */
    public Path folder(UUID sourceId) throws IOException {
        return PrivateFiles.folder(root.resolve(sourceId.toString()));
    }

    /** A file is being (re)written or was removed: until a clean close it is not part of the delivery. */
    public void forget(UUID sourceId, String name) {
        deliveryFiles.forget(sourceId, name);
    }

    /** Records a file whose upload closed cleanly, with its size and SHA-256 as they are on disk now. */
    public DeliveryFile complete(UUID sourceId, String name) throws IOException {
        Path file = folder(sourceId).resolve(name);
        holdFolder(sourceId);
        try {
            DeliveryFile complete = new DeliveryFile(name, Files.size(file), sha256(file), now());
            if (stored != null) {
                // stored before it is recorded: a failing storage leaves the delivery as it was
                stored.store(file, complete.sha256());
                stamp(file, complete);
            }
            return record(sourceId, complete);
        } finally {
            releaseFolder(sourceId);
        }
    }

    /** Recorded times as PostgreSQL keeps them (microseconds), so that a file's stamp and its record agree. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Marks a local file as the recorded one: its modification time is the record's time. {@link #catchUp} tells a file
     * that is the stored delivery's from one that is not by its size and this time, without reading it.
     */
    private static void stamp(Path file, DeliveryFile record) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(record.receivedAt()));
    }

    private static boolean stamped(Path file, DeliveryFile record) throws IOException {
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) == record.size()
                && Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.MILLIS)
                .equals(record.receivedAt().truncatedTo(ChronoUnit.MILLIS));
    }

    private ReentrantLock folderLock(UUID sourceId) {
        return folderLocks.computeIfAbsent(sourceId, id -> new ReentrantLock());
    }

    /**
     * Holds the source's folder for a change a vendor's session makes in two steps (the file system's rename or delete,
     * then its record), until {@link #releaseFolder} on the same thread; with object storage only (nothing else
     * rewrites the folder).
     */
    public void holdFolder(UUID sourceId) {
        if (stored != null) {
            folderLock(sourceId).lock();
        }
    }

    /** Ends {@link #holdFolder}; nothing when this thread does not hold the folder. */
    public void releaseFolder(UUID sourceId) {
        ReentrantLock lock = folderLocks.get(sourceId);
        if (lock != null && lock.isHeldByCurrentThread()) {
            lock.unlock();
        }
    }

    /**
     * A new file for an upload in progress: the bytes land there, outside the source's folder, until {@link #promote}
     * renames it into place. The previous complete file of that name stays as it was meanwhile.
     */
    public Path newUpload(UUID sourceId) throws IOException {
        PrivateFiles.folder(uploading);
        return uploading.resolve(sourceId + "." + UUID.randomUUID() + ".part");
    }

    /**
     * Renames a finished upload into the source's folder in one atomic step, replacing the file of that name, and records
     * it in the delivery when {@code delivered}.
     *
     * @param sha256 the SHA-256 of the upload's bytes, or null to read them again
     */
    public DeliveryFile promote(UUID sourceId, Path upload, String name, String sha256, boolean delivered)
            throws IOException {
        Path target = folder(sourceId).resolve(name);
        DeliveryFile file = new DeliveryFile(name, Files.size(upload), sha256 != null ? sha256 : sha256(upload), now());
        if (stored != null && delivered) {
            // stored first: an upload the storage refuses is refused, and the previous file stays, here and there
            stored.store(upload, file.sha256());
            stamp(upload, file);
        }
        holdFolder(sourceId);
        try {
            Files.move(upload, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (!delivered) {
                forget(sourceId, name);
            } else {
                record(sourceId, file);
            }
        } finally {
            releaseFolder(sourceId);
        }
        try {
            activity.ended(upload);
        } catch (RuntimeException e) {
            // the upload is stored and recorded; its activity row goes at the next start's clean-up, or holds a run on
            // arrival for the quiet minutes at most
            LOG.debug("Upload activity of {} not cleared: {}", name, e.getMessage());
        }
        return file;
    }

    /**
     * Brings the source's folder up to date with its stored delivery (object storage only; nothing to do otherwise): a
     * recorded file missing here or not the recorded one is fetched, and a file here that should be recorded ({@code
     * recorded} says which names are) but is not is removed. So an SFTP login shows, on any instance, the files the
     * delivery holds, whichever instance received them.
     *
     * @return how many files were fetched or removed
     */
    public int catchUp(UUID sourceId, Predicate<String> recorded) throws IOException {
        if (stored == null) {
            return 0;
        }
        Path folder = folder(sourceId);
        int changed = 0;
        holdFolder(sourceId);
        try {
            Set<String> names = new HashSet<>();
            for (DeliveryFile file : delivery(sourceId)) {
                names.add(file.name());
                if (fetch(sourceId, file)) {
                    changed++;
                }
            }
            try (var listing = Files.list(folder)) {
                for (Path local : listing.toList()) {
                    String name = local.getFileName().toString();
                    if (!names.contains(name) && recorded.test(name) && Files.deleteIfExists(local)) {
                        changed++;
                    }
                }
            }
        } finally {
            releaseFolder(sourceId);
        }
        return changed;
    }

    /**
     * Makes the folder's file of that name the recorded one, fetching it from object storage unless it is already (the
     * caller holds the folder).
     *
     * @return whether it was fetched
     */
    private boolean fetch(UUID sourceId, DeliveryFile file) throws IOException {
        Path local = folder(sourceId).resolve(file.name());
        if (stamped(local, file)) {
            return false;
        }
        Path part = newFetch(sourceId);
        try {
            if (!stored.download(file.sha256(), file.name(), part).equals(file.sha256())) {
                throw new DeliveryChanged(file.name(), "its stored copy is not the bytes its upload delivered");
            }
            stamp(part, file);
            Files.move(part, local, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /**
     * A file of the source's current delivery, on the local disk: its inbox folder's file, brought up to date from the
     * stored delivery first with object storage. For reading a small file (manifest.csv) of a delivery any instance
     * received.
     */
    public Path current(UUID sourceId, DeliveryFile file) throws IOException {
        Path local = folder(sourceId).resolve(file.name());
        if (stored == null) {
            return local;
        }
        holdFolder(sourceId);
        try {
            fetch(sourceId, file);
            return local;
        } finally {
            releaseFolder(sourceId);
        }
    }

    /**
     * A new file for bytes fetched from object storage into the source's folder: beside the uploads (on the same file
     * system, for an atomic rename), named apart from them so that it is neither an upload in progress nor the source's
     * usage.
     */
    private Path newFetch(UUID sourceId) throws IOException {
        PrivateFiles.folder(uploading);
        return uploading.resolve("fetch." + sourceId + "." + UUID.randomUUID() + ".part");
    }

    /** Bytes the source holds on disk: its folder's files and its uploads in progress. */
    public long usage(UUID sourceId) throws IOException {
        long bytes = 0;
        try (var files = Files.list(folder(sourceId))) {
            for (Path file : files.toList()) {
                bytes += sizeOrZero(file);
            }
        }
        if (Files.isDirectory(uploading)) {
            String prefix = sourceId + ".";
            try (var files = Files.list(uploading)) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                    bytes += sizeOrZero(file);
                }
            }
        }
        return bytes;
    }

    /**
     * When an upload in progress of the source last wrote, on any instance (they say so in the database, {@link
     * UploadActivity}; one on this disk is seen by its file too); empty when none is open. Uploads write at least every few
     * seconds while bytes flow.
     */
    public Optional<Instant> lastUploadActivity(UUID sourceId) throws IOException {
        // in the database for instances that share no disk; the folder's files for uploads that have not said so yet
        Instant latest = activity.last(sourceId).orElse(null);
        if (!Files.isDirectory(uploading)) {
            return Optional.ofNullable(latest);
        }
        String prefix = sourceId + ".";
        try (var files = Files.list(uploading)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                try {
                    Instant written = Files.getLastModifiedTime(file).toInstant();
                    latest = latest == null || written.isAfter(latest) ? written : latest;
                } catch (NoSuchFileException gone) {
                    // promoted or removed meanwhile
                }
            }
        }
        return Optional.ofNullable(latest);
    }

    /**
     * Removes uploads left behind by a process that stopped with files open (an aborted upload's file is removed at
     * once). Only files untouched since {@code before}: an upload in progress on another instance sharing this inbox
     * writes more often than its session's idle timeout.
     *
     * @return how many were removed
     */
    public int removeAbandonedUploads(Instant before) throws IOException {
        activity.removeBefore(before);
        if (!Files.isDirectory(uploading)) {
            return 0;
        }
        int removed = 0;
        try (var files = Files.list(uploading)) {
            for (Path file : files.toList()) {
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(before) && Files.deleteIfExists(file)) {
                        removed++;
                    }
                } catch (NoSuchFileException gone) {
                    // promoted or removed meanwhile
                }
            }
        }
        return removed;
    }

    private static long sizeOrZero(Path file) throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException gone) {
            return 0;
        }
    }

    private DeliveryFile record(UUID sourceId, DeliveryFile delivered) {
        deliveryFiles.record(sourceId, delivered);
        return delivered;
    }

    /** The source's complete files, by name. */
    public List<DeliveryFile> delivery(UUID sourceId) {
        return deliveryFiles.delivery(sourceId);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
