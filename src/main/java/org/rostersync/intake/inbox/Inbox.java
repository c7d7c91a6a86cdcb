package org.rostersync.intake.inbox;

import jakarta.inject.Singleton;
import org.rostersync.config.PrivateFiles;
import org.rostersync.config.RostersyncConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Each source's inbox folder ({@code <dataDir>/inbox/<sourceId>}) and the record of its complete files. A file is part
 * of the delivery only from the moment its upload closed cleanly until it is opened for writing again or removed.
 */
@Singleton
public class Inbox {

    /** Where a run's folder says when each of its delivered files arrived. */
    private static final String RECEIVED = "received.properties";

    private final Path root;
    private final Path uploading;
    private final Path runs;
    private final FrozenFiles frozen;
    private final DeliveryFiles deliveryFiles;

    Inbox(RostersyncConfig config, DeliveryFiles deliveryFiles) {
        this.root = config.dataPath().resolve("inbox");
        // beside the sources' folders (never inside one, so no vendor sees it) and on the same file system, so that
        // promoting an upload is an atomic rename
        this.uploading = root.resolve(".uploading");
        this.runs = config.dataPath().resolve("runs");
        this.frozen = new FrozenFiles(runs);
        this.deliveryFiles = deliveryFiles;
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
        return record(sourceId, new DeliveryFile(name, Files.size(file), sha256(file), Instant.now()));
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
        DeliveryFile file = new DeliveryFile(name, Files.size(upload), sha256 != null ? sha256 : sha256(upload), Instant.now());
        Files.move(upload, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (!delivered) {
            forget(sourceId, name);
            return file;
        }
        return record(sourceId, file);
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
     * When an upload in progress of the source last wrote, on this instance or another sharing the inbox; empty when none
     * is open. Uploads write at least every few seconds while bytes flow.
     */
    public Optional<Instant> lastUploadActivity(UUID sourceId) throws IOException {
        if (!Files.isDirectory(uploading)) {
            return Optional.empty();
        }
        String prefix = sourceId + ".";
        Instant latest = null;
        try (var files = Files.list(uploading)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                try {
                    Instant written = Files.getLastModifiedTime(file).toInstant();
                    latest = latest == null || written.isAfter(latest) ? written : latest;
                } catch (java.nio.file.NoSuchFileException gone) {
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
                } catch (java.nio.file.NoSuchFileException gone) {
                    // promoted or removed meanwhile
                }
            }
        }
        return removed;
    }

    private static long sizeOrZero(Path file) throws IOException {
        try {
            return Files.size(file);
        } catch (java.nio.file.NoSuchFileException gone) {
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

    /**
     * Freezes the source's delivery for a run. The complete files are copied into {@code <dataDir>/runs/<runId>/delivered}
     * and each copy is checked against the SHA-256 recorded at upload, so that the run reads exactly the bytes that were
     * delivered; a content frozen before by another run is kept once, shared by both ({@link FrozenFiles}). A delivery is either loose files or one zip: when a zip is present, the newest zip is the delivery, it is
     * unpacked safely into {@code extracted/} (only entries named in {@code zipEntries}), and every other file is ignored
     * with a note.
     *
     * @throws DeliveryChanged when a file changed on disk after its upload was recorded
     */
    public Snapshot snapshot(UUID sourceId, UUID runId, Set<String> zipEntries) throws IOException {
        Path run = runs.resolve(runId.toString());
        Path delivered = PrivateFiles.folder(run.resolve("delivered"));
        Path inbox = folder(sourceId);
        List<DeliveryFile> files = delivery(sourceId);
        java.util.Properties received = new java.util.Properties();
        for (DeliveryFile file : files) {
            frozen.freeze(inbox.resolve(file.name()), delivered.resolve(file.name()), file.name(), file.sha256());
            received.setProperty(file.name(), file.receivedAt().toString());
        }
        // the archive remembers when each file arrived, so that reopening it picks the same zip (in a file of the run's
        // own: a frozen file's modification time is shared by every run that holds the same bytes)
        Path receivedFile = run.resolve(RECEIVED);
        Files.deleteIfExists(receivedFile);
        try (var out = Files.newOutputStream(PrivateFiles.newFile(receivedFile))) {
            received.store(out, "when each delivered file's upload completed");
        }
        return open(run, files, zipEntries);
    }

    /**
     * The delivery a run froze, read again from its archive exactly as the run first read it: for approving a held run.
     *
     * @throws IOException when the archive is gone (past its keeping time) or unreadable
     */
    public Snapshot reopen(UUID runId, Set<String> zipEntries) throws IOException {
        Path run = runs.resolve(runId.toString());
        Path delivered = run.resolve("delivered");
        if (!Files.isDirectory(delivered)) {
            throw new IOException("the archive of run " + runId + " is gone; start a new run instead");
        }
        List<DeliveryFile> files = archived(runId);
        Path extracted = run.resolve("extracted");
        if (Files.isDirectory(extracted)) {
            try (var old = Files.walk(extracted)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return open(run, files, zipEntries);
    }

    /** The files a run froze, as delivered (a zip stays a zip); empty when the run has no archive (any more). */
    public List<DeliveryFile> archived(UUID runId) throws IOException {
        Path delivered = runs.resolve(runId.toString()).resolve("delivered");
        if (!Files.isDirectory(delivered)) {
            return List.of();
        }
        java.util.Properties received = new java.util.Properties();
        Path receivedFile = delivered.resolveSibling(RECEIVED);
        if (Files.isRegularFile(receivedFile)) {
            try (var in = Files.newInputStream(receivedFile)) {
                received.load(in);
            }
        }
        List<DeliveryFile> out = new ArrayList<>();
        try (var listing = Files.list(delivered)) {
            for (Path file : listing.sorted().toList()) {
                String name = file.getFileName().toString();
                String at = received.getProperty(name);
                // archives frozen before the received file kept the time as the copy's modification time
                Instant receivedAt = at != null ? Instant.parse(at) : Files.getLastModifiedTime(file).toInstant();
                out.add(new DeliveryFile(name, Files.size(file), sha256(file), receivedAt));
            }
        }
        return out;
    }

    /** One frozen file of a run, by its exact name (never a path: the name must be one the archive lists). */
    public Optional<Path> archivedFile(UUID runId, String name) throws IOException {
        Path delivered = runs.resolve(runId.toString()).resolve("delivered");
        if (!Files.isDirectory(delivered)) {
            return Optional.empty();
        }
        try (var listing = Files.list(delivered)) {
            return listing.filter(p -> p.getFileName().toString().equals(name) && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .findFirst();
        }
    }

    /**
     * A folder for the run's working files (a large load's parts on disk), inside the run's folder so that nothing of
     * it outlives the run: {@link #removeScratch} at its end, or at the next start for a run that was interrupted.
     */
    public Path scratch(UUID runId) throws IOException {
        return PrivateFiles.folder(runs.resolve(runId.toString()).resolve("scratch"));
    }

    /**
     * Removes a run's working files and the zip it unpacked (reopening the archive unpacks it again): of a run that
     * ended, only its frozen delivery stays.
     */
    public void removeScratch(UUID runId) throws IOException {
        removeTree(runs.resolve(runId.toString()).resolve("scratch"));
        removeTree(runs.resolve(runId.toString()).resolve("extracted"));
    }

    /**
     * Removes a run's archive (its links to the frozen files, and what it unpacked). The frozen files themselves stay
     * while another run links to them: {@link #removeUnusedFrozenFiles} removes the rest.
     */
    public void removeArchive(UUID runId) throws IOException {
        removeTree(runs.resolve(runId.toString()));
    }

    /** Removes the frozen files no run's archive holds any more; returns how many. */
    public int removeUnusedFrozenFiles() throws IOException {
        return frozen.removeUnused();
    }

    private static void removeTree(Path run) throws IOException {
        if (!Files.exists(run)) {
            return;
        }
        try (var walk = Files.walk(run)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Loose files, or the newest zip unpacked safely into {@code extracted/} with every other file ignored. */
    private static Snapshot open(Path run, List<DeliveryFile> files, Set<String> zipEntries) throws IOException {
        Path delivered = run.resolve("delivered");
        Optional<DeliveryFile> zip = files.stream().filter(f -> isZip(f.name()))
                .max(Comparator.comparing(DeliveryFile::receivedAt).thenComparing(DeliveryFile::name));
        if (zip.isEmpty()) {
            return new Snapshot(delivered, files, List.of());
        }
        List<DeliveryNote> notes = new ArrayList<>();
        for (DeliveryFile other : files) {
            if (!other.equals(zip.get())) {
                notes.add(new DeliveryNote(other.name(), "delivery.file_ignored", false, other.name() + " was ignored: "
                        + zip.get().name() + " is the newest zip, and a zip delivery is read on its own"));
            }
        }
        Path extracted = PrivateFiles.folder(run.resolve("extracted"));
        ZipExtractor.Result result = new ZipExtractor(ZipLimits.DEFAULT, zipEntries)
                .extract(delivered.resolve(zip.get().name()), zip.get().name(), zip.get().receivedAt(), extracted);
        notes.addAll(result.notes());
        return new Snapshot(extracted, result.fatal() ? List.of() : result.files(), notes);
    }

    private static boolean isZip(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".zip");
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
