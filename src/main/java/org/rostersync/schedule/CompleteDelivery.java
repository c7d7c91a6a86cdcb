package org.rostersync.schedule;

import org.rostersync.intake.inbox.DeliveryFile;
import org.rostersync.oneroster.Manifest;
import org.rostersync.oneroster.OneRosterFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a delivery is whole, so that a run on arrival does not start on half of it: a zip is whole once its upload
 * closed (the run checks inside it); loose files are whole when manifest.csv is there and every file it lists as bulk
 * or delta is too.
 */
final class CompleteDelivery {

    private CompleteDelivery() {
    }

    /** A delivered file's bytes on the local disk (the inbox's, or fetched from object storage). */
    interface LocalCopy {
        Path of(DeliveryFile file) throws IOException;
    }

    /** What the delivery still lacks: empty when it is whole. */
    static List<String> missing(List<DeliveryFile> files, LocalCopy local) {
        Set<String> names = files.stream().map(DeliveryFile::name).collect(Collectors.toSet());
        if (names.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).endsWith(".zip"))) {
            return List.of();
        }
        if (!names.contains(OneRosterFiles.MANIFEST)) {
            return List.of(OneRosterFiles.MANIFEST);
        }
        Manifest manifest;
        try {
            DeliveryFile recorded = files.stream().filter(f -> f.name().equals(OneRosterFiles.MANIFEST)).findFirst().orElseThrow();
            manifest = Manifest.read(local.of(recorded));
        } catch (IOException | RuntimeException e) {
            return List.of(OneRosterFiles.MANIFEST + " (unreadable: " + e.getMessage() + ")");
        }
        List<String> missing = new ArrayList<>();
        for (String file : OneRosterFiles.ALL.stream().sorted().toList()) {
            if (file.equals(OneRosterFiles.MANIFEST)) {
                continue;
            }
            String mode = manifest.modeOf(file.substring(0, file.length() - ".csv".length())).orElse("absent");
            if ((mode.equals("bulk") || mode.equals("delta")) && !names.contains(file)) {
                missing.add(file);
            }
        }
        return missing;
    }
}
