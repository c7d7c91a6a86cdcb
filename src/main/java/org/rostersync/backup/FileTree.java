package org.rostersync.backup;

import org.rostersync.config.PrivateFiles;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Copies a folder's tree as it is while others write to it: files removed meanwhile are skipped, permissions are kept,
 * and files that are hard links of one another stay so. A run's archive links each file to the one stored copy of its
 * content ({@code runs/files/<sha256>}); copying each link apart would multiply the archives' size and break the
 * rule that a stored file is removed when its last run's archive goes (its link count).
 */
final class FileTree {

    private FileTree() {
    }

    /**
     * @param left paths under {@code from} (relative to it) that are not copied, folders with all they hold
     * @return how many files were copied (links of a file copied before included)
     */
    static int copy(Path from, Path to, Predicate<Path> left) throws IOException {
        Map<Object, Path> copied = new HashMap<>();
        int[] files = {0};
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path relative = from.relativize(dir);
                if (!relative.toString().isEmpty() && left.test(relative)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Path copy = to.resolve(relative.toString());
                PrivateFiles.folder(copy);
                Files.setPosixFilePermissions(copy, Files.getPosixFilePermissions(dir));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path relative = from.relativize(file);
                if (!attrs.isRegularFile() || left.test(relative)) {
                    return FileVisitResult.CONTINUE;
                }
                Path copy = to.resolve(relative.toString());
                Object key = attrs.fileKey();
                Path first = key == null ? null : copied.get(key);
                try {
                    if (first != null) {
                        Files.createLink(copy, first);
                    } else {
                        Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                        if (key != null) {
                            copied.put(key, copy);
                        }
                    }
                    files[0]++;
                } catch (NoSuchFileException removedMeanwhile) {
                    // an upload promoted over it, an archive removed: what is gone is not part of the state any more
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        return files[0];
    }
}
