package org.rostersync.intake.inbox;

import jakarta.inject.Singleton;
import org.rostersync.config.PrivateFiles;
import org.rostersync.config.RostersyncConfig;
import org.rostersync.storage.ObjectStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The deliveries runs froze ({@code <dataDir>/runs/<runId>}): a run freezes its source's delivery from the {@link Inbox}
 * before it reads it, an approval reopens it exactly as the run first read it, operators download it, and the archive
 * cleaner removes it past its keeping time. Each content is kept once however many runs froze it ({@link FrozenFiles}).
 * <p>
 * With object storage, each run's archive is also stored in the bucket ({@link StoredFiles}), so that any instance
 * reopens or serves an archive another instance froze; this disk then holds only copies, fetched when needed.
 */
@Singleton
public class RunArchives {

    /** Where a run's folder says when each of its delivered files arrived. */
    private static final String RECEIVED = "received.properties";

    private final Inbox inbox;
    private final Path runs;
    private final FrozenFiles frozen;
    private final DeliveryFiles deliveryFiles;
    /** The archives and deliveries in object storage; null when they live on the local disk only. */
    private final StoredFiles stored;
    /** When this instance last swept the bucket for contents nothing holds. */
    private final AtomicReference<Instant> lastStoredSweep = new AtomicReference<>();

    RunArchives(RostersyncConfig config, Inbox inbox, DeliveryFiles deliveryFiles, ObjectStore objects) {
        this.inbox = inbox;
        this.runs = config.dataPath().resolve("runs");
        this.frozen = new FrozenFiles(runs);
        this.deliveryFiles = deliveryFiles;
        this.stored = objects.enabled() ? new StoredFiles(objects) : null;
    }

    /**
     * Freezes the source's delivery for a run. The complete files are copied into {@code <dataDir>/runs/<runId>/delivered}
     * and each copy is checked against the SHA-256 recorded at upload, so that the run reads exactly the bytes that were
     * delivered; a content frozen before by another run is kept once, shared by both ({@link FrozenFiles}). A delivery
     * is either loose files or one zip: when a zip is present, the newest zip is the delivery, it is unpacked safely into
     * {@code extracted/} (only entries named in {@code zipEntries}), and every other file is ignored with a note.
     *
     * @throws DeliveryChanged when a file changed on disk after its upload was recorded
     */
    public Snapshot snapshot(UUID sourceId, UUID runId, Set<String> zipEntries) throws IOException {
        Path run = runs.resolve(runId.toString());
        Path delivered = PrivateFiles.folder(run.resolve("delivered"));
        Path folder = inbox.folder(sourceId);
        List<DeliveryFile> files = inbox.delivery(sourceId);
        if (stored != null) {
            // the archive first, so that the expiry of stored contents sees this run holding them before it reads them
            stored.writeArchive(runId, files);
        }
        Properties received = new Properties();
        for (DeliveryFile file : files) {
            frozen.freeze(content(folder, file), delivered.resolve(file.name()), file.name(), file.sha256());
            received.setProperty(file.name(), file.receivedAt().toString());
        }
        writeReceived(run, received);
        return open(run, files, zipEntries);
    }

    /** Where a delivered file's bytes are read from: the object storage when configured, else the inbox folder. */
    private FrozenFiles.Content content(Path inbox, DeliveryFile file) {
        if (stored != null) {
            return to -> stored.download(file.sha256(), file.name(), to);
        }
        return FrozenFiles.file(inbox.resolve(file.name()));
    }

    /**
     * With object storage, the run's archive on this disk as it is stored: its frozen files fetched (and checked) where
     * they are missing here. Nothing to do when the archive is not stored (local disk, or a run archived before object
     * storage was configured: its local folder is read as before).
     *
     * @return the archive's files, when it is stored
     */
    private Optional<List<DeliveryFile>> localize(UUID runId) throws IOException {
        if (stored == null) {
            return Optional.empty();
        }
        Optional<List<DeliveryFile>> files = stored.archive(runId);
        if (files.isEmpty()) {
            return files;
        }
        Path run = runs.resolve(runId.toString());
        Path delivered = PrivateFiles.folder(run.resolve("delivered"));
        Properties received = new Properties();
        for (DeliveryFile file : files.get()) {
            Path link = delivered.resolve(file.name());
            if (!Files.isRegularFile(link, LinkOption.NOFOLLOW_LINKS)) {
                frozen.freeze(content(null, file), link, file.name(), file.sha256());
            }
            received.setProperty(file.name(), file.receivedAt().toString());
        }
        if (!Files.isRegularFile(run.resolve(RECEIVED))) {
            writeReceived(run, received);
        }
        return files;
    }

    private static void writeReceived(Path run, Properties received) throws IOException {
        // the archive remembers when each file arrived, so that reopening it picks the same zip (in a file of the run's
        // own: a frozen file's modification time is shared by every run that holds the same bytes)
        Path receivedFile = run.resolve(RECEIVED);
        Files.deleteIfExists(receivedFile);
        try (var out = Files.newOutputStream(PrivateFiles.newFile(receivedFile))) {
            received.store(out, "when each delivered file's upload completed");
        }
    }

    /**
     * The delivery a run froze, read again from its archive exactly as the run first read it: for approving a held run.
     *
     * @throws IOException when the archive is gone (past its keeping time) or unreadable
     */
    public Snapshot reopen(UUID runId, Set<String> zipEntries) throws IOException {
        localize(runId);
        Path run = runs.resolve(runId.toString());
        Path delivered = run.resolve("delivered");
        if (!Files.isDirectory(delivered)) {
            throw new IOException("the archive of run " + runId + " is gone; start a new run instead");
        }
        List<DeliveryFile> files = archived(runId);
        removeTree(run.resolve("extracted"));
        return open(run, files, zipEntries);
    }

    /** The files a run froze, as delivered (a zip stays a zip); empty when the run has no archive (any more). */
    public List<DeliveryFile> archived(UUID runId) throws IOException {
        if (stored != null) {
            Optional<List<DeliveryFile>> files = stored.archive(runId);
            if (files.isPresent()) {
                return files.get();
            }
        }
        Path delivered = runs.resolve(runId.toString()).resolve("delivered");
        if (!Files.isDirectory(delivered)) {
            return List.of();
        }
        Properties received = new Properties();
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
                out.add(new DeliveryFile(name, Files.size(file), Inbox.sha256(file), receivedAt));
            }
        }
        return out;
    }

    /** One frozen file of a run, by its exact name (never a path: the name must be one the archive lists). */
    public Optional<Path> archivedFile(UUID runId, String name) throws IOException {
        localize(runId);
        Path delivered = runs.resolve(runId.toString()).resolve("delivered");
        if (!Files.isDirectory(delivered)) {
            return Optional.empty();
        }
        try (var listing = Files.list(delivered)) {
            return listing.filter(p -> p.getFileName().toString().equals(name) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
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
        if (stored != null) {
            // the archive is in the bucket, where any instance reads it again: of a run that ended nothing stays here
            removeTree(runs.resolve(runId.toString()));
            return;
        }
        removeTree(runs.resolve(runId.toString()).resolve("scratch"));
        removeTree(runs.resolve(runId.toString()).resolve("extracted"));
    }

    /**
     * With object storage, removes this instance's copies of archives fetched for a download and untouched since
     * {@code before} (nothing to do otherwise: the local folders are the archives). A run in progress keeps its folder:
     * it has working files ({@code scratch/}), or it froze its delivery moments ago.
     *
     * @return how many runs' copies were removed
     */
    public int removeLocalCopies(Instant before) throws IOException {
        if (stored == null || !Files.isDirectory(runs)) {
            return 0;
        }
        int removed = 0;
        try (var listing = Files.list(runs)) {
            for (Path run : listing.toList()) {
                Path delivered = run.resolve("delivered");
                if (!isRunFolder(run) || Files.exists(run.resolve("scratch")) || !Files.isDirectory(delivered)
                        || !Files.getLastModifiedTime(run).toInstant().isBefore(before)
                        || !Files.getLastModifiedTime(delivered).toInstant().isBefore(before)) {
                    continue;
                }
                removeTree(run);
                removed++;
            }
        }
        return removed;
    }

    private static boolean isRunFolder(Path path) {
        try {
            UUID.fromString(path.getFileName().toString());
            return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
        } catch (IllegalArgumentException notARun) {
            return false; // files/, the frozen files' store
        }
    }

    /**
     * Removes a run's archive (its links to the frozen files, and what it unpacked). The frozen files themselves stay
     * while another run links to them: {@link #removeUnusedFrozenFiles} removes the rest.
     */
    public void removeArchive(UUID runId) throws IOException {
        if (stored != null) {
            stored.removeArchive(runId);
        }
        removeTree(runs.resolve(runId.toString()));
    }

    /**
     * Removes the frozen files no run's archive holds any more; returns how many. With object storage, also the stored
     * contents that no run's archive and no source's delivery holds, stored more than an hour ago (an upload is stored a
     * moment before it is recorded), at most once a day on each instance (the sweep reads every run's archive object).
     */
    public int removeUnusedFrozenFiles() throws IOException {
        Instant now = Instant.now();
        Instant last = lastStoredSweep.get();
        if (stored != null && last != null && last.isAfter(now.minus(Duration.ofHours(23)))) {
            return frozen.removeUnused(); // the bucket is swept once a day: it reads every run's archive object
        }
        lastStoredSweep.set(now);
        return removeUnusedFrozenFiles(now.minus(Duration.ofHours(1)));
    }

    /** As {@link #removeUnusedFrozenFiles()}, taking from object storage only contents stored before {@code storedBefore}. */
    public int removeUnusedFrozenFiles(Instant storedBefore) throws IOException {
        int removed = frozen.removeUnused();
        if (stored != null) {
            removed += stored.removeUnused(deliveryFiles::allSha256, storedBefore);
        }
        return removed;
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

}
