package org.rostersync.intake.inbox;

import org.rostersync.config.PrivateFiles;
import org.rostersync.storage.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Deliveries and run archives in object storage, laid out as the data directory's frozen files are: each content once,
 * at {@code files/<sha256>}, and each run's archive as a small object {@code runs/<runId>/archive} listing its files
 * (one line each: SHA-256, size, when its upload completed, name). Any instance reads a delivery or an archive from
 * there, never from the disk of the instance that received it.
 */
final class StoredFiles {

    private static final String FILES = "files/";
    private static final String RUNS = "runs/";

    private final ObjectStore store;

    StoredFiles(ObjectStore store) {
        this.store = store;
    }

    /** Stores the file's bytes as the content of that SHA-256, unless the bucket has it already. */
    void store(Path file, String sha256) throws IOException {
        if (!store.exists(FILES + sha256)) {
            store.put(FILES + sha256, file);
        }
    }

    /** Whether the content of that SHA-256 is stored. */
    boolean has(String sha256) throws IOException {
        return store.exists(FILES + sha256);
    }

    /**
     * Writes the stored content of that SHA-256 to a new file (mode 600) and returns the SHA-256 of the bytes written.
     *
     * @throws DeliveryChanged when the bucket does not hold it
     */
    String download(String sha256, String name, Path to) throws IOException {
        Optional<InputStream> blob = store.open(FILES + sha256);
        if (blob.isEmpty()) {
            throw new DeliveryChanged(name, "its stored copy (" + FILES + sha256 + ") is missing from the object storage");
        }
        try (DigestInputStream in = new DigestInputStream(blob.get(), MessageDigest.getInstance("SHA-256"));
             OutputStream out = Files.newOutputStream(PrivateFiles.newFile(to))) {
            in.transferTo(out);
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Writes the run's archive: the list of the files it froze. */
    void writeArchive(UUID runId, List<DeliveryFile> files) throws IOException {
        StringBuilder text = new StringBuilder();
        for (DeliveryFile f : files) {
            text.append(f.sha256()).append(' ').append(f.size()).append(' ').append(f.receivedAt()).append(' ')
                    .append(f.name()).append('\n');
        }
        store.put(archiveKey(runId), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The files the run froze; empty when its archive is not (or no longer) stored. */
    Optional<List<DeliveryFile>> archive(UUID runId) throws IOException {
        return store.read(archiveKey(runId)).map(StoredFiles::parse);
    }

    void removeArchive(UUID runId) throws IOException {
        store.delete(archiveKey(runId));
    }

    /**
     * Removes the stored contents that no run's archive and no delivery holds, written before {@code before}: a content
     * younger than that may be an upload stored a moment ago and not yet recorded (an upload is stored first, then
     * recorded). The archives are listed before the deliveries are read, and a run writes its archive before it reads the
     * contents, so a content in use is never taken.
     *
     * @param deliveries the contents the sources' deliveries hold now
     * @return how many contents were removed
     */
    int removeUnused(Supplier<Set<String>> deliveries, Instant before) throws IOException {
        Set<String> used = new HashSet<>();
        for (ObjectStore.Listed object : store.list(RUNS)) {
            if (object.key().endsWith("/archive")) {
                store.read(object.key()).map(StoredFiles::parse).orElse(List.of()).forEach(f -> used.add(f.sha256()));
            }
        }
        used.addAll(deliveries.get());
        int removed = 0;
        for (ObjectStore.Listed blob : store.list(FILES)) {
            String sha256 = blob.key().substring(FILES.length());
            if (!used.contains(sha256) && blob.lastModified().isBefore(before)) {
                store.delete(blob.key());
                removed++;
            }
        }
        return removed;
    }

    private static String archiveKey(UUID runId) {
        return RUNS + runId + "/archive";
    }

    private static List<DeliveryFile> parse(byte[] bytes) {
        List<DeliveryFile> files = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] p = line.split(" ", 4);
            files.add(new DeliveryFile(p[3], Long.parseLong(p[1]), p[0], Instant.parse(p[2])));
        }
        return files;
    }
}
