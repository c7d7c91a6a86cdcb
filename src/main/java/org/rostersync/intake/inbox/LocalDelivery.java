package org.rostersync.intake.inbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** A delivery on the local disk (a folder of files or one zip), read in place: what {@code rostersync validate} checks. */
public final class LocalDelivery {

    private LocalDelivery() {
    }

    /**
     * Files are read where they are; their SHA-256 is not computed (a validation reads each file once anyway).
     *
     * @param scratch    an empty folder a zip is unpacked into
     * @param zipEntries the names a zip entry may have
     * @throws NoSuchFileException      when the path does not exist
     * @throws IllegalArgumentException when it is neither a folder nor a .zip file
     */
    public static Snapshot open(Path path, Path scratch, Set<String> zipEntries) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        if (Files.isDirectory(path)) {
            List<DeliveryFile> files = new ArrayList<>();
            try (Stream<Path> entries = Files.list(path)) {
                for (Path f : entries.filter(Files::isRegularFile).sorted().toList()) {
                    files.add(new DeliveryFile(f.getFileName().toString(), Files.size(f), null,
                            Files.getLastModifiedTime(f).toInstant()));
                }
            }
            return new Snapshot(path, files, List.of());
        }
        String name = path.getFileName().toString();
        if (!name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
            throw new IllegalArgumentException(path + " is neither a folder of OneRoster files nor a .zip");
        }
        ZipExtractor.Result result = new ZipExtractor(ZipLimits.DEFAULT, zipEntries)
                .extract(path, name, Instant.now(), org.rostersync.config.PrivateFiles.folder(scratch));
        return new Snapshot(scratch, result.fatal() ? List.of() : result.files(), result.notes());
    }
}
