package org.rostersync.intake.inbox;

import org.rostersync.config.PrivateFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The bytes runs froze, each content kept once: {@code runs/files/<sha256>}, hard-linked into every run's
 * {@code delivered/} folder that holds it. Runs that read the same delivery (a source failing night after night, a
 * run again of an unchanged delivery) share its files instead of each keeping a copy. A run's files are its own links,
 * so removing one run's folder never takes a file from another run; a stored file that no run links to any more is
 * removed by {@link #removeUnused}.
 */
final class FrozenFiles {

    /** A copy being made: named apart from the stored files (which are named by their SHA-256). */
    private static final String INCOMING = ".incoming-";

    private final Path store;

    FrozenFiles(Path runs) {
        this.store = runs.resolve("files");
    }

    /** Where a frozen file's bytes come from: a file of the inbox, or the object storage. */
    interface Content {
        /** Writes the bytes to a new file and returns their SHA-256. */
        String copyTo(Path to) throws IOException;
    }

    /** The bytes of a file on the local disk. */
    static Content file(Path from) {
        return to -> copyWithDigest(from, to);
    }

    /**
     * Freezes {@code from} as {@code link}: copies its bytes once, checks they are the ones its upload delivered, and
     * links the stored file of that content (made now, or already there) at {@code link}.
     *
     * @throws DeliveryChanged when the bytes' SHA-256 is not {@code sha256}
     */
    void freeze(Content from, Path link, String name, String sha256) throws IOException {
        PrivateFiles.folder(store);
        Path incoming = store.resolve(INCOMING + UUID.randomUUID());
        try {
            if (!from.copyTo(incoming).equals(sha256)) {
                throw new DeliveryChanged(name);
            }
            Path stored = store.resolve(sha256);
            Files.deleteIfExists(link);
            for (int attempt = 1; ; attempt++) {
                try {
                    Files.createLink(stored, incoming);
                } catch (FileAlreadyExistsException before) {
                    // frozen before by another run: the same bytes, since the name is their SHA-256
                }
                try {
                    Files.createLink(link, stored);
                    return;
                } catch (NoSuchFileException removedMeanwhile) {
                    // no run used it any more and removeUnused took it between the two links: store it again
                    if (attempt == 3) {
                        throw removedMeanwhile;
                    }
                }
            }
        } finally {
            Files.deleteIfExists(incoming);
        }
    }

    /**
     * Removes the stored files that no run links to any more (their link count is 1: the store's own), and copies left
     * by a process that stopped while freezing.
     *
     * @return how many files were removed
     */
    int removeUnused() throws IOException {
        if (!Files.isDirectory(store)) {
            return 0;
        }
        Instant abandoned = Instant.now().minusSeconds(3600);
        int removed = 0;
        try (var files = Files.list(store)) {
            for (Path file : files.toList()) {
                try {
                    boolean unused = file.getFileName().toString().startsWith(INCOMING)
                            ? Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(abandoned)
                            : ((Number) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue() <= 1;
                    // a run linking it in between keeps its own link: the bytes stay its, only no longer shared
                    if (unused && Files.deleteIfExists(file)) {
                        removed++;
                    }
                } catch (NoSuchFileException gone) {
                    // removed meanwhile by another instance sharing the directory
                }
            }
        }
        return removed;
    }

    /** Copies the file (mode 600) and returns the SHA-256 of the bytes copied, in one pass over them. */
    private static String copyWithDigest(Path from, Path to) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(from), MessageDigest.getInstance("SHA-256"));
             OutputStream out = Files.newOutputStream(PrivateFiles.newFile(to))) {
            in.transferTo(out);
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
