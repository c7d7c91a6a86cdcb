package org.rostersync.config;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Everything under the data directory is the service user's alone: the inboxes and run archives hold every student's
 * record, and the process's umask (often 022) would make each new file readable by any local user. Files are made 600
 * and folders 700 as they are created, never widened afterwards.
 */
public final class PrivateFiles {

    /** rw------- for a new file. */
    public static final FileAttribute<Set<PosixFilePermission>> FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    /** rwx------ for a new folder. */
    public static final FileAttribute<Set<PosixFilePermission>> FOLDER =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private static final Set<PosixFilePermission> GROUP_AND_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PrivateFiles() {
    }

    /** The folder, with every missing folder on its way made 700. */
    public static Path folder(Path dir) throws IOException {
        return Files.createDirectories(dir, FOLDER);
    }

    /**
     * Writes a new private file whole beside its place, then links it in, so that a stop halfway never leaves it empty
     * or half-written; when another instance sharing the directory made it meanwhile, that one stays. Its folder is made
     * (700) if missing.
     */
    public static void writeOnce(Path file, String content) throws IOException {
        folder(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp", FILE);
        try {
            Files.writeString(tmp, content, java.nio.charset.StandardCharsets.UTF_8);
            Files.createLink(file, tmp);
        } catch (java.nio.file.FileAlreadyExistsException other) {
            // made meanwhile: that one stays
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A new, empty file (mode 600) that must not exist yet. */
    public static Path newFile(Path file) throws IOException {
        return Files.createFile(file, FILE);
    }

    /**
     * Takes every group and others permission away from what is under {@code root}, the root included, without
     * following links: files and folders made before this rule (or by another tool) become private too.
     *
     * @param left files left as they are, for a check of their own to judge
     * @return how many files and folders were changed
     */
    public static int tighten(Path root, java.util.function.Predicate<Path> left) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        int[] changed = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                changed[0] += tightenOne(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!attrs.isSymbolicLink() && !left.test(file)) {
                    changed[0] += tightenOne(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // removed meanwhile (an upload promoted, a run's scratch cleared): nothing to tighten
                return FileVisitResult.CONTINUE;
            }
        });
        return changed[0];
    }

    private static int tightenOne(Path path) throws IOException {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            if (mode.stream().noneMatch(GROUP_AND_OTHERS::contains)) {
                return 0;
            }
            mode.removeAll(GROUP_AND_OTHERS);
            Files.setPosixFilePermissions(path, mode);
            return 1;
        } catch (java.nio.file.NoSuchFileException gone) {
            return 0;
        }
    }
}
